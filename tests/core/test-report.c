/* test-report.c: partnership reports as readers see them (pdftotext), and `stead-cli report`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "stead.h"
#include "stead-test-util.h"

#define AREA "Vale of Testbury"

typedef struct
{
  char              *dir;
  char              *path;
  GSettings         *settings;
  SteadPluginEngine *engine;
  SteadWorkspace    *ws;
} Fixture;

/* @data: NULL for a workspace with no plugins, else the demo area with
 * partners and risks. */
static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  const char *enabled[] = { "partners", "risks", NULL };
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("stead-report-XXXXXX", &error);
  g_assert_no_error (error);
  f->settings = g_settings_new (APP_ID);
  g_settings_set_strv (f->settings, "enabled-plugins",
                       data != NULL ? enabled : (const char *[]) { NULL });
  f->engine = stead_plugin_engine_new (f->settings);
  stead_plugin_engine_load_enabled (f->engine);
  f->path = g_build_filename (f->dir, "ws.gpkg", NULL);
  f->ws = stead_workspace_create (f->path, AREA, f->engine, &error);
  g_assert_no_error (error);
  if (data != NULL)
    g_assert_true (stead_demo_populate (f->ws, 50, 5, &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  stead_workspace_close (f->ws);
  g_clear_object (&f->ws);
  g_clear_object (&f->engine);
  g_clear_object (&f->settings);
  stead_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static gboolean
skip_without_poppler (void)
{
  if (stead_test_have_poppler ())
    return FALSE;
  g_test_skip ("pdftotext and pdfinfo (poppler-utils) are not installed");
  return TRUE;
}

/* What was written to @out (a memory stream), into @path. */
static void
save_stream (GOutputStream *out,
             const char    *path)
{
  g_autoptr(GError) error = NULL;

  g_output_stream_close (out, NULL, NULL);
  g_file_set_contents (path, g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (out)),
                       g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out)), &error);
  g_assert_no_error (error);
}

/* Writes the report of @sections to a file in the fixture's folder. */
static char *
write_report (Fixture          *f,
              GPtrArray        *sections,
              SteadReportFlags  flags)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  char *pdf = g_build_filename (f->dir, "report.pdf", NULL);

  g_assert_true (stead_report_write_full (f->ws, sections, flags, out, NULL, &error));
  g_assert_no_error (error);
  save_stream (out, pdf);
  return pdf;
}

/* Every page's footer says "Page N of M", M being what pdfinfo counts. */
static void
assert_page_numbers (const char *pdf,
                     guint       n_pages)
{
  for (guint page = 1; page <= n_pages; page++)
    {
      g_autofree char *text = stead_test_pdf_text (pdf, page);
      g_autofree char *footer = g_strdup_printf ("Page %u of %u", page, n_pages);

      g_assert_nonnull (strstr (text, footer));
      g_assert_nonnull (strstr (text, AREA));
    }
}

/* The number the contents (page 2) gives @title, and that the page with
 * that number starts with it. */
static void
assert_contents_entry (const char *pdf,
                       const char *title)
{
  g_autofree char *contents = stead_test_pdf_text (pdf, 2);
  g_autofree char *page_text = NULL;
  const char *line = strstr (contents, title);
  const char *end;
  guint page;

  g_assert_nonnull (line);
  end = strchr (line, '\n');
  g_assert_nonnull (end);
  while (end > line && !g_ascii_isdigit (end[-1]))
    end--;
  while (end > line && g_ascii_isdigit (end[-1]))
    end--;
  page = (guint) g_ascii_strtoull (end, NULL, 10);
  g_assert_cmpuint (page, >, 2);
  page_text = stead_test_pdf_text (pdf, page);
  /* Below the header (what it is, the marking, the version), the title. */
  {
    char *body = strchr (g_strchug (page_text), '\n');

    g_assert_nonnull (body);
    *body = '\0';
    g_assert_nonnull (strstr (page_text, "OFFICIAL"));
    g_assert_true (g_str_has_prefix (g_strchug (body + 1), title));
  }
}

static void
test_demo (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GPtrArray) sections = stead_report_list_sections (f->ws);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%-d %B %Y");
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;
  guint n_pages;

  if (skip_without_poppler ())
    return;
  /* In addin order: risks depends on partners. */
  g_assert_cmpuint (sections->len, ==, 2);
  g_assert_cmpstr (stead_report_section_get_owner (sections->pdata[0]), ==, "partners");
  g_assert_cmpstr (stead_report_section_get_owner (sections->pdata[1]), ==, "risks");

  pdf = write_report (f, sections, STEAD_REPORT_FLAGS_NONE);
  text = stead_test_pdf_text (pdf, 0);
  for (const char * const *s = (const char * const[]) { "Contents", "Partnership report", AREA,
                                                        "Partners and agreements",
                                                        "Community risk register", "Page 1 of",
                                                        "Risk matrix", "Register", NULL }; *s; s++)
    g_assert_nonnull (strstr (text, *s));
  g_assert_nonnull (strstr (text, today));

  /* Every risk of the register, by the references in the file. */
  g_assert_cmpuint (stead_test_assert_all_in (f->ws, "SELECT reference FROM risks_risk", text), ==,
                    25);
  g_assert_nonnull (strstr (text, "R01"));
  g_assert_nonnull (strstr (text, "R25"));

  n_pages = stead_test_pdf_pages (pdf);
  g_assert_cmpuint (n_pages, >=, 3);
  assert_page_numbers (pdf, n_pages);
  assert_contents_entry (pdf, "Partners and agreements");
  assert_contents_entry (pdf, "Community risk register");
}

static void
test_no_plugins (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) sections = stead_report_list_sections (f->ws);
  g_autofree char *pdf = NULL;
  g_autofree char *title = NULL;
  g_autofree char *contents = NULL;

  if (skip_without_poppler ())
    return;
  g_assert_cmpuint (sections->len, ==, 0);
  pdf = write_report (f, sections, STEAD_REPORT_FLAGS_NONE);
  g_assert_cmpuint (stead_test_pdf_pages (pdf), ==, 2);
  title = stead_test_pdf_text (pdf, 1);
  g_assert_nonnull (strstr (title, AREA));
  g_assert_nonnull (strstr (title, "Partnership report"));
  contents = stead_test_pdf_text (pdf, 2);
  g_assert_nonnull (strstr (contents, "Contents"));
  g_assert_nonnull (strstr (contents, "nothing to report"));
  assert_page_numbers (pdf, 2);
}

static void
test_attributions (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) sections = stead_report_list_sections (f->ws);
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *last = NULL;
  guint n_pages;

  if (skip_without_poppler ())
    return;
  stead_workspace_edit (f->ws, "core", "Attribution",
                        "INSERT INTO stead_attribution (source, text, imported) "
                        "VALUES (?1, ?2, '2024-01-01')",
                        STEAD_ARGS (STEAD_TEXT ("ONSPD"),
                                    STEAD_TEXT ("Contains OS data © Crown copyright")),
                        &error);
  g_assert_no_error (error);

  pdf = write_report (f, sections, STEAD_REPORT_FLAGS_NONE);
  n_pages = stead_test_pdf_pages (pdf);
  last = stead_test_pdf_text (pdf, n_pages);
  g_assert_nonnull (strstr (last, "Data attributions"));
  g_assert_nonnull (strstr (last, "ONSPD"));
  g_assert_nonnull (strstr (last, "Crown copyright"));
  assert_contents_entry (pdf, "Data attributions");
  assert_page_numbers (pdf, n_pages);
}

/* ------------------------------------------------------------------------ */
/* The helpers, through a section of the test's own                         */


#define N_WORDS 900
#define N_ROWS  150

static guint boxes_drawn;

static void
test_long_box (SteadReport *report,
               cairo_t     *cr,
               double       x,
               double       y,
               double       width,
               double       height,
               gpointer     user_data)
{
  /* The box lies on the page, above its footer. */
  g_assert_cmpfloat (y, >, 0);
  g_assert_cmpfloat (y + height, <, 842 - 60);
  g_assert_cmpfloat (width, ==, stead_report_get_width (report));
  stead_report_set_source_hex (cr, "#336699");
  cairo_rectangle (cr, x, y, width, height);
  cairo_fill (cr);
  stead_report_show_text (cr, "Inside the box", STEAD_REPORT_FONT_BOLD, x, y, width,
                          PANGO_ALIGN_CENTER);
  boxes_drawn++;
}

static gboolean
test_long_draw (SteadReport         *report,
                SteadWorkspace      *workspace,
                GCancellable        *cancellable,
                GError             **error)
{
  const SteadReportColumn columns[] = { { "Column A", 1 }, { "Column B", 4 }, { "Column C", 1 } };
  g_autoptr(GString) words = g_string_new (NULL);

  for (guint i = 1; i <= N_WORDS; i++)
    g_string_append_printf (words, "word%04u ", i);
  stead_report_paragraph (report, words->str);
  stead_report_key_value (report, "Key", "Value beside it");
  stead_report_reserve (report, 700, test_long_box, NULL);
  stead_report_table_begin (report, columns, G_N_ELEMENTS (columns));
  for (guint i = 1; i <= N_ROWS; i++)
    {
      g_autofree char *a = g_strdup_printf ("row%03u", i);

      stead_report_table_row (report, (const char * const[]) {
        a, "A cell with enough text in it to wrap onto a second line of its column", NULL });
    }
  stead_report_table_end (report);
  stead_report_heading (report, 2, "Last heading");
  stead_report_paragraph (report, "The end.");
  return TRUE;
}

static gboolean
test_failing_draw (SteadReport         *report,
                   SteadWorkspace      *workspace,
                   GCancellable        *cancellable,
                   GError             **error)
{
  stead_report_paragraph (report, "Half a section");
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "the data is broken");
  return FALSE;
}

static const SteadReportSectionInfo test_long_section = {
  .title = "Long section", .owner = "test", .draw = test_long_draw,
};
static const SteadReportSectionInfo test_failing_section = {
  .title = "Failing section", .owner = "test", .draw = test_failing_draw,
};

static void
test_helpers (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) sections = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;
  guint n_pages, table_pages = 0;

  if (skip_without_poppler ())
    return;
  g_ptr_array_add (sections, stead_report_section_new (&test_long_section));
  boxes_drawn = 0;
  pdf = write_report (f, sections, STEAD_REPORT_FLAGS_SECTIONS_ONLY);
  /* Drawn three times: the pass that measures its table's columns, the
   * one that counts pages with them, and the one that writes. */
  g_assert_cmpuint (boxes_drawn, ==, 3);

  /* Nothing cut off: every word of the long paragraph, every row. */
  text = stead_test_pdf_text (pdf, 0);
  g_assert_null (strstr (text, "Contents"));
  for (guint i = 1; i <= N_WORDS; i++)
    {
      g_autofree char *word = g_strdup_printf ("word%04u", i);

      g_assert_nonnull (strstr (text, word));
    }
  for (guint i = 1; i <= N_ROWS; i++)
    {
      g_autofree char *row = g_strdup_printf ("row%03u", i);

      g_assert_nonnull (strstr (text, row));
    }
  g_assert_nonnull (strstr (text, "Inside the box"));
  g_assert_nonnull (strstr (text, "The end."));

  /* The table's header row heads every page it is on. */
  n_pages = stead_test_pdf_pages (pdf);
  for (guint page = 1; page <= n_pages; page++)
    {
      g_autofree char *page_text = stead_test_pdf_text (pdf, page);

      if (strstr (page_text, "row") == NULL)
        continue;
      table_pages++;
      g_assert_nonnull (strstr (page_text, "Column A"));
      g_assert_true (strstr (page_text, "Column A") < strstr (page_text, "row"));
    }
  g_assert_cmpuint (table_pages, >=, 2);
  assert_page_numbers (pdf, n_pages);
}

static void
test_failures (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) sections = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  /* A section that fails fails the report, saying which section. */
  g_ptr_array_add (sections, stead_report_section_new (&test_failing_section));
  g_assert_false (stead_report_write (f->ws, sections, out, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "Failing section"));
  g_assert_nonnull (strstr (error->message, "the data is broken"));
  g_clear_error (&error);

  /* So does cancelling it. */
  g_ptr_array_set_size (sections, 0);
  g_ptr_array_add (sections, stead_report_section_new (&test_long_section));
  g_cancellable_cancel (cancellable);
  g_assert_false (stead_report_write (f->ws, sections, out, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* ------------------------------------------------------------------------ */
/* stead-cli report                                                         */

/* Runs stead-cli with the tests' environment (the plugins of the build
 * tree, the default enabled ones); its stderr in @err. */
static int
run_cli (char **err,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (char *) g_getenv ("STEAD_CLI"));
  va_start (args, err);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                               &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  return g_subprocess_get_exit_status (process);
}

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The files in the fixture's folder but SQLite's own, sorted, joined by spaces. */
static char *
list_dir (Fixture *f)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    if (!g_str_has_suffix (name, "-wal") && !g_str_has_suffix (name, "-shm"))
      g_ptr_array_add (names, (char *) name);
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

static void
test_cli (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "report.pdf", NULL);
  g_autofree char *err = NULL;
  g_autofree char *text = NULL;
  g_autofree char *files = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;

  /* A report only reads: it works on a read-only file and leaves its
   * bytes as they were. */
  stead_workspace_close (f->ws);
  g_assert_cmpint (g_chmod (f->path, 0444), ==, 0);
  before = read_bytes (f->path);
  g_assert_cmpint (run_cli (&err, "report", f->path, "--output", pdf, NULL), ==, 0);
  after = read_bytes (f->path);
  g_assert_true (g_bytes_equal (before, after));

  /* The PDF, and no temporary file beside it. */
  files = list_dir (f);
  g_assert_cmpstr (files, ==, "report.pdf ws.gpkg");
  if (skip_without_poppler ())
    return;
  text = stead_test_pdf_text (pdf, 0);
  g_assert_nonnull (strstr (text, "Partners and agreements"));
  g_assert_nonnull (strstr (text, "Community risk register"));
  g_assert_nonnull (strstr (text, "R25"));
  g_assert_cmpuint (stead_test_pdf_pages (pdf), >=, 3);
}

static void
test_cli_errors (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (f->dir, "no-such-folder", "report.pdf", NULL);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;

  stead_workspace_close (f->ws);
  before = read_bytes (f->path);

  /* Bad usage: exit 2. */
  {
    g_autofree char *e1 = NULL, *e2 = NULL, *e3 = NULL, *e4 = NULL;

    g_assert_cmpint (run_cli (&e1, "report", NULL), ==, 2);
    g_assert_cmpint (run_cli (&e2, "report", f->path, NULL), ==, 2);
    g_assert_nonnull (strstr (e2, "--output"));
    g_assert_cmpint (run_cli (&e3, "report", f->path, f->path, "--output", "x.pdf", NULL), ==, 2);
    g_assert_cmpint (run_cli (&e4, "report", "--no-such-option", f->path, NULL), ==, 2);
  }

  /* Onto the workspace itself: refused, exit 1, one line naming it. */
  {
    g_autofree char *err = NULL;
    g_auto(GStrv) lines = NULL;

    g_assert_cmpint (run_cli (&err, "report", f->path, "--output", f->path, NULL), ==, 1);
    lines = g_strsplit (g_strstrip (err), "\n", -1);
    g_assert_cmpuint (g_strv_length (lines), ==, 1);
    g_assert_nonnull (strstr (lines[0], f->path));
    g_assert_nonnull (strstr (lines[0], "workspace"));
  }

  /* Into a folder that is not there: exit 1, naming the output. */
  {
    g_autofree char *err = NULL;

    g_assert_cmpint (run_cli (&err, "report", f->path, "--output", missing, NULL), ==, 1);
    g_assert_nonnull (strstr (err, missing));
  }

  after = read_bytes (f->path);
  g_assert_true (g_bytes_equal (before, after));
  {
    g_autofree char *files = list_dir (f);

    g_assert_cmpstr (files, ==, "ws.gpkg");
  }
}

/* A chart, and each other block, in a section: its title and numbers
 * in the PDF's text; in the HTML an SVG figure with its caption and table. */
static gboolean
test_chart_draw (SteadReport         *report,
                 SteadWorkspace      *workspace,
                 GCancellable        *cancellable,
                 GError             **error)
{
  const SteadReportColumn columns[] = { { "Partner", 2 }, { "Review", 1 } };
  g_autoptr(SteadChart) chart = stead_chart_new (STEAD_CHART_BAR, "Needs per week");
  g_autoptr(SteadChart) empty = stead_chart_new (STEAD_CHART_LINE, "Backlog");
  const double opened[] = { 17, 42, 1234 };

  stead_chart_set_categories (chart, (const char *[]) { "W01", "W02", "W03", NULL });
  stead_chart_add_series (chart, "Opened", opened, G_N_ELEMENTS (opened));
  stead_chart_set_axis_titles (chart, "Week", "Needs");
  stead_chart_set_description (chart, "Needs opened each week: most in W03.");
  stead_report_heading (report, 1, "Volume of need");
  stead_report_paragraph (report, "A partner called <script>alert(1)</script> & Co.");
  stead_report_key_value (report, "Open needs", "1,293");
  stead_report_legend_row (report, "#E69F00", "Orange", "Opened");
  stead_report_legend_row (report, "red\" onclick=\"x", "Not a colour", NULL);
  stead_report_chart (report, chart);
  stead_report_heading (report, 2, "An empty chart");
  stead_report_chart (report, empty);
  stead_report_table_begin (report, columns, G_N_ELEMENTS (columns));
  stead_report_table_row (report, (const char * const[]) { "Severn Trent", "2027-01-01" });
  stead_report_table_row_flagged (report, (const char * const[]) { "Vale <b>Council</b>",
                                                                   "2025-06-01 overdue" }, 1u << 1);
  stead_report_table_end (report);
  return TRUE;
}

static const SteadReportSectionInfo test_chart_section = {
  .title = "Need trends", .owner = "test", .draw = test_chart_draw,
};

/* A strict reading of the HTML with python3's html.parser: every element
 * closed in order, ids unique, no <script>; prints the headings' text,
 * one a line, as "hN text". */
static const char html_check_py[] =
  "import sys, html.parser\n"
  "VOID = {'area','base','br','col','embed','hr','img','input','link','meta','source',"
  "'track','wbr'}\n"
  "class P (html.parser.HTMLParser):\n"
  "  def __init__ (self):\n"
  "    super ().__init__ (convert_charrefs=True)\n"
  "    self.stack = []; self.ids = set (); self.out = []; self.h = None\n"
  "  def handle_starttag (self, tag, attrs):\n"
  "    if tag == 'script': raise SystemExit ('script element')\n"
  "    for k, v in attrs:\n"
  "      if k.startswith ('on'): raise SystemExit ('event attribute ' + k)\n"
  "      if k == 'id':\n"
  "        if v in self.ids: raise SystemExit ('duplicate id ' + v)\n"
  "        self.ids.add (v)\n"
  "    if tag in ('h1','h2','h3','h4'): self.h = [tag, '']\n"
  "    if tag not in VOID: self.stack.append (tag)\n"
  "  def handle_startendtag (self, tag, attrs):\n"
  "    pass\n"
  "  def handle_endtag (self, tag):\n"
  "    if not self.stack or self.stack[-1] != tag:\n"
  "      raise SystemExit ('</%s> closes %s' % (tag, self.stack[-1:] ))\n"
  "    self.stack.pop ()\n"
  "    if self.h and tag == self.h[0]:\n"
  "      self.out.append (self.h[0] + ' ' + self.h[1].strip ()); self.h = None\n"
  "  def handle_data (self, data):\n"
  "    if self.h: self.h[1] += data\n"
  "text = open (sys.argv[1], encoding='utf-8').read ()\n"
  "if not text.startswith ('<!DOCTYPE html>'): raise SystemExit ('no doctype')\n"
  "p = P (); p.feed (text); p.close ()\n"
  "if p.stack: raise SystemExit ('unclosed ' + ' '.join (p.stack))\n"
  "print ('\\n'.join (p.out))\n";

/* The headings of the HTML at @path, as "hN text" lines; fails the test
 * if the HTML is not well formed. NULL if there is no python3. */
static char *
check_html (const char *path)
{
  const char *argv[] = { "python3", "-c", html_check_py, path, NULL };
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status;

  if (g_find_program_in_path ("python3") == NULL)
    return NULL;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status,
                &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s is not well-formed HTML: %s", path, err);
  return out;
}

static char *
write_html (Fixture          *f,
            GPtrArray        *sections,
            SteadReportFlags  flags)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, "report.html", NULL);

  g_assert_true (stead_report_write_html (f->ws, sections, flags, NULL, out, NULL, &error));
  g_assert_no_error (error);
  save_stream (out, path);
  return path;
}

static void
test_chart_blocks (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) sections = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *pdf = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *html = NULL;
  g_autofree char *headings = NULL;

  g_ptr_array_add (sections, stead_report_section_new (&test_chart_section));
  if (!skip_without_poppler ())
    {
      pdf = write_report (f, sections, STEAD_REPORT_FLAGS_SECTIONS_ONLY);
      text = stead_test_pdf_text (pdf, 0);
      /* The chart's title and axes, its caption, and its table's numbers. */
      g_assert_nonnull (strstr (text, "Needs per week"));
      g_assert_nonnull (strstr (text, "Needs opened each week: most in W03."));
      g_assert_nonnull (strstr (text, "1234"));
      g_assert_nonnull (strstr (text, "Opened"));
      g_assert_nonnull (strstr (text, "W02"));
      g_assert_nonnull (strstr (text, "No data"));
    }

  path = write_html (f, sections, STEAD_REPORT_FLAGS_NONE);
  g_assert_true (g_file_get_contents (path, &html, NULL, NULL));
  headings = check_html (path);
  if (headings != NULL)
    {
      g_assert_nonnull (strstr (headings, "h1 " AREA));
      g_assert_nonnull (strstr (headings, "h2 Contents"));
      g_assert_nonnull (strstr (headings, "h2 Need trends"));
      g_assert_nonnull (strstr (headings, "h3 Volume of need"));
      g_assert_nonnull (strstr (headings, "h4 An empty chart"));
    }
  /* Escaped, never markup: the paragraph's, a cell's, an attribute's. */
  g_assert_null (strstr (html, "<script"));
  g_assert_nonnull (strstr (html, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co."));
  g_assert_nonnull (strstr (html, "Vale &lt;b&gt;Council&lt;/b&gt;"));
  g_assert_null (strstr (html, "onclick"));
  g_assert_nonnull (strstr (html, "background:#E69F00"));
  /* The flagged cell says so; the chart is an SVG figure with its caption,
   * then its numbers; the empty chart says so in its caption. */
  g_assert_nonnull (strstr (html, "<td class=\"flagged\">2025-06-01 overdue</td>"));
  g_assert_nonnull (strstr (html, "<figure>\n<svg role=\"img\" aria-label=\"Needs opened each "
                                  "week: most in W03.\""));
  g_assert_nonnull (strstr (html, "<figcaption>Needs opened each week: most in W03."
                                  "</figcaption>"));
  g_assert_nonnull (strstr (html, "<th scope=\"col\">Week</th><th scope=\"col\">Opened</th>"));
  g_assert_nonnull (strstr (html, "<td>W03</td><td>1234</td>"));
  g_assert_nonnull (strstr (html, "Backlog. No data."));
  /* Each SVG's glyphs are its own: no id shared between the two figures. */
  g_assert_nonnull (strstr (html, "id=\"stead-figure-1-"));
  g_assert_nonnull (strstr (html, "id=\"stead-figure-2-"));
  g_assert_nonnull (strstr (html, "<p class=\"marking\">OFFICIAL</p>"));
}

/* The demo's report in HTML holds every heading the PDF has, the area,
 * the date, the attributions, the figure of the risk matrix, and a
 * partner's name escaped. */
static void
test_html_demo (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) sections = stead_report_list_sections (f->ws);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *path = NULL;
  g_autofree char *html = NULL;
  g_autofree char *headings = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  guint n_h2 = 0;

  /* The owner of a risk, so the register names it too. */
  stmt = stead_workspace_prepare (f->ws, "UPDATE partners_organisation SET name = ?1 WHERE id = "
                                         "(SELECT owner FROM risks_risk WHERE owner IS NOT NULL "
                                         " LIMIT 1)", NULL);
  g_assert_nonnull (stmt);
  sqlite3_bind_text (stmt, 1, "<script>alert('x')</script> Trust", -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  g_assert_cmpint (sqlite3_changes (sqlite3_db_handle (stmt)), ==, 1);

  path = write_html (f, sections, STEAD_REPORT_FLAGS_NONE);
  g_assert_true (g_file_get_contents (path, &html, NULL, NULL));
  g_assert_null (strstr (html, "<script"));
  g_assert_nonnull (strstr (html, "&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt; Trust"));
  g_assert_nonnull (strstr (html, "<figcaption>The risk matrix"));
  g_assert_nonnull (strstr (html, "<svg role=\"img\""));
  g_assert_nonnull (strstr (html, "Data attributions"));
  g_assert_nonnull (strstr (html, "<a href=\"#stead-section-1\">"));
  g_assert_nonnull (strstr (html, "<section aria-labelledby=\"stead-section-1\">"));

  headings = check_html (path);
  if (headings == NULL || skip_without_poppler ())
    return;
  pdf = write_report (f, sections, STEAD_REPORT_FLAGS_NONE);
  text = stead_test_pdf_text (pdf, 0);
  /* Each section's title is an h2 of the HTML, and every heading of the
   * HTML is in the PDF. */
  for (guint i = 0; i < sections->len; i++)
    {
      g_autofree char *h2 = g_strdup_printf (
        "h2 %s", stead_report_section_get_title (g_ptr_array_index (sections, i)));

      g_assert_nonnull (strstr (headings, h2));
    }
  lines = g_strsplit (g_strstrip (headings), "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_assert_true (g_str_has_prefix (lines[i], "h"));
      g_assert_nonnull (strstr (text, lines[i] + 3));
      n_h2 += g_str_has_prefix (lines[i], "h2 ");
    }
  /* Contents, the sections, the attributions. */
  g_assert_cmpuint (n_h2, ==, sections->len + 2);
  g_assert_nonnull (strstr (headings, "h3 Risk matrix"));
  g_assert_nonnull (strstr (headings, "h3 Register"));
}

/* `stead-cli report` writes HTML for a .html name or --format html. */
static void
test_cli_html (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *html = g_build_filename (f->dir, "report.html", NULL);
  g_autofree char *forced = g_build_filename (f->dir, "forced.pdf", NULL);
  g_autofree char *as_pdf = g_build_filename (f->dir, "as-pdf.html", NULL);
  g_autofree char *bad = g_build_filename (f->dir, "bad.html", NULL);
  g_autofree char *e1 = NULL, *e2 = NULL, *e3 = NULL, *e4 = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *files = NULL;

  stead_workspace_close (f->ws);
  g_assert_cmpint (run_cli (&e1, "report", f->path, "--output", html, NULL), ==, 0);
  g_assert_true (g_file_get_contents (html, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "<!DOCTYPE html>"));
  g_assert_nonnull (strstr (contents, "Community risk register"));
  g_clear_pointer (&contents, g_free);

  g_assert_cmpint (run_cli (&e2, "report", f->path, "--output", forced, "--format", "HTML", NULL),
                   ==, 0);
  g_assert_true (g_file_get_contents (forced, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "<!DOCTYPE html>"));
  g_clear_pointer (&contents, g_free);

  g_assert_cmpint (run_cli (&e3, "report", f->path, "--output", as_pdf, "--format", "pdf", NULL),
                   ==, 0);
  g_assert_true (g_file_get_contents (as_pdf, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF"));

  /* Another format: refused, naming it, and nothing written. */
  g_assert_cmpint (run_cli (&e4, "report", f->path, "--output", bad, "--format", "docx", NULL),
                   ==, 2);
  g_assert_nonnull (strstr (e4, "docx"));
  files = list_dir (f);
  g_assert_cmpstr (files, ==, "as-pdf.html forced.pdf report.html ws.gpkg");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/report/demo", Fixture, "demo", fixture_setup, test_demo, fixture_teardown);
  g_test_add ("/report/no-plugins-nothing-to-report", Fixture, NULL, fixture_setup, test_no_plugins,
              fixture_teardown);
  g_test_add ("/report/attributions-last", Fixture, "demo", fixture_setup, test_attributions,
              fixture_teardown);
  g_test_add ("/report/helpers-never-cut-off", Fixture, NULL, fixture_setup, test_helpers,
              fixture_teardown);
  g_test_add ("/report/failures", Fixture, NULL, fixture_setup, test_failures, fixture_teardown);
  g_test_add ("/report/cli-reads-only", Fixture, "demo", fixture_setup, test_cli, fixture_teardown);
  g_test_add ("/report/cli-errors", Fixture, "demo", fixture_setup, test_cli_errors,
              fixture_teardown);
  g_test_add ("/report/chart-and-blocks-pdf-html", Fixture, NULL, fixture_setup,
              test_chart_blocks, fixture_teardown);
  g_test_add ("/report/html-same-headings", Fixture, "demo", fixture_setup, test_html_demo,
              fixture_teardown);
  g_test_add ("/report/cli-html", Fixture, "demo", fixture_setup, test_cli_html,
              fixture_teardown);

  return g_test_run ();
}
