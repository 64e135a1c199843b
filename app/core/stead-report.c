/* stead-report.c: a partnership report as a tagged A4 PDF, and its drawing helpers */

#define G_LOG_DOMAIN "stead-report"

#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "stead-report.h"
#include "stead-output.h"
#include "stead-report-private.h"
#include "stead-workspace.h"
#include "stead-workspace-addin.h"

/* A4 in points; the body of a page lies between the margins and the footer. */
#define STEAD_REPORT_PAGE_W    595.276
#define STEAD_REPORT_PAGE_H    841.890
#define STEAD_REPORT_MARGIN    56.7
#define STEAD_REPORT_TOP       STEAD_REPORT_MARGIN
#define STEAD_REPORT_BOTTOM    (STEAD_REPORT_PAGE_H - 76.0)
#define STEAD_REPORT_FOOTER_Y  (STEAD_REPORT_PAGE_H - 50.0)
#define STEAD_REPORT_HEADER_Y  24.0
#define STEAD_REPORT_CELL_PAD  4.0
/* Room a heading keeps below it on its page, so it never ends a page. */
#define STEAD_REPORT_KEEP      48.0

/* One line of the contents: a section, or the attributions. */
typedef struct
{
  char  *title;
  char  *dest;
  guint  page;
} SteadReportEntry;

struct _SteadReport
{
  GObject            parent_instance;

  SteadWorkspace    *workspace;
  GCancellable      *cancellable;
  SteadReportFlags   flags;
  char              *area_name;
  char              *date_text;
  char              *iso_date;
  char              *marking;
  char              *version;
  char              *doc_title;     /* the header's left: what the document is */
  GArray            *entries;       /* SteadReportEntry, in the order of the report */
  gboolean           has_attributions;

  /* The report is drawn twice: the first pass counts the pages and finds
   * where each section starts, the second writes them. */
  cairo_surface_t   *surface;
  cairo_t           *cr;
  guint              page;          /* the page being drawn, from 1; 0 before the first */
  guint              n_pages;       /* known in the second pass; 0 in the first */
  double             y;             /* where the next block goes */
  GPtrArray         *open_tags;     /* structure tags open now, outermost first */
  int                outline;       /* the current section's outline item */
  guint              n_dests;

  /* Tables' columns are as wide as their longest word at least: the
   * first pass measures (one GArray of doubles a table, in order), the
   * others lay out with what it found. */
  gboolean           measuring;
  GPtrArray         *table_min;
  guint              n_tables;      /* tables begun in this pass */
  gboolean           widths_changed;
  GArray            *measured;      /* the open table's minimums, while measuring */

  /* The table being drawn, if any. */
  char             **column_titles;
  double            *column_widths; /* in points */
  guint              n_columns;

  /* The HTML form: written here instead of drawn, in one pass. */
  GString           *html;
  gboolean           html_section;  /* a <section> is open */
  guint              n_figures;
};

G_DEFINE_FINAL_TYPE (SteadReport, stead_report, G_TYPE_OBJECT)

static const char * const stead_report_fonts[] = {
  [STEAD_REPORT_FONT_BODY] = "Sans 10",
  [STEAD_REPORT_FONT_BOLD] = "Sans Bold 10",
  [STEAD_REPORT_FONT_SMALL] = "Sans 8",
  [STEAD_REPORT_FONT_SMALL_BOLD] = "Sans Bold 8",
};

static void
stead_report_entry_clear (SteadReportEntry *entry)
{
  g_free (entry->title);
  g_free (entry->dest);
}

static void
stead_report_finalize (GObject *object)
{
  SteadReport *self = STEAD_REPORT (object);

  g_assert (self->cr == NULL);
  g_clear_object (&self->workspace);
  g_clear_object (&self->cancellable);
  g_free (self->area_name);
  g_free (self->date_text);
  g_free (self->iso_date);
  g_free (self->marking);
  g_free (self->version);
  g_free (self->doc_title);
  g_ptr_array_unref (self->table_min);
  g_array_unref (self->entries);
  g_ptr_array_unref (self->open_tags);
  g_strfreev (self->column_titles);
  g_free (self->column_widths);
  if (self->html != NULL)
    g_string_free (self->html, TRUE);

  G_OBJECT_CLASS (stead_report_parent_class)->finalize (object);
}

static void
stead_report_class_init (SteadReportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = stead_report_finalize;
}

static void
stead_report_init (SteadReport *self)
{
  self->entries = g_array_new (FALSE, TRUE, sizeof (SteadReportEntry));
  g_array_set_clear_func (self->entries, (GDestroyNotify) stead_report_entry_clear);
  self->open_tags = g_ptr_array_new ();
  self->table_min = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
}

/* ------------------------------------------------------------------------ */
/* Text                                                                     */

static PangoLayout *
stead_report_layout_new (cairo_t        *cr,
                         const char     *text,
                         const char     *font,
                         double          width,
                         PangoAlignment  alignment)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *desc = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_alignment (layout, alignment);
  return layout;
}

static double
stead_report_layout_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_size (layout, NULL, &height);
  return height / (double) PANGO_SCALE;
}

/**
 * stead_report_show_text:
 * @cr: where to draw
 * @text: (nullable): the text, wrapped to @width
 * @font: its style
 * @x: the left of its box
 * @y: the top of its box
 * @width: the width of its box; 0 for one line as long as it takes
 * @alignment: how lines sit in the box
 *
 * Draws text with the report's fonts, in the current source colour.
 *
 * Returns: the height of the text drawn, in points
 */
double
stead_report_show_text (cairo_t         *cr,
                        const char      *text,
                        SteadReportFont  font,
                        double           x,
                        double           y,
                        double           width,
                        PangoAlignment   alignment)
{
  g_autoptr(PangoLayout) layout = NULL;

  g_return_val_if_fail (cr != NULL, 0);
  g_return_val_if_fail (font <= STEAD_REPORT_FONT_SMALL_BOLD, 0);

  layout = stead_report_layout_new (cr, text, stead_report_fonts[font], width, alignment);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  return stead_report_layout_height (layout);
}

/**
 * stead_report_set_source_hex:
 * @cr: where to draw
 * @hex: (nullable): a colour as "#rrggbb"
 *
 * Sets the source colour; light grey if @hex is not a colour.
 */
void
stead_report_set_source_hex (cairo_t    *cr,
                             const char *hex)
{
  int rgb[3] = { 200, 200, 200 };

  g_return_if_fail (cr != NULL);

  if (hex != NULL && hex[0] == '#' && strlen (hex) == 7)
    {
      int parsed[3];
      gboolean valid = TRUE;

      for (guint i = 0; i < 3 && valid; i++)
        {
          int high = g_ascii_xdigit_value (hex[1 + 2 * i]);
          int low = g_ascii_xdigit_value (hex[2 + 2 * i]);

          valid = high >= 0 && low >= 0;
          parsed[i] = high * 16 + low;
        }
      if (valid)
        memcpy (rgb, parsed, sizeof rgb);
    }
  cairo_set_source_rgb (cr, rgb[0] / 255.0, rgb[1] / 255.0, rgb[2] / 255.0);
}

/* ------------------------------------------------------------------------ */
/* Pages and tags                                                           */

/**
 * stead_report_get_workspace:
 * @self: a #SteadReport
 *
 * Returns: (transfer none): what the report is about
 */
SteadWorkspace *
stead_report_get_workspace (SteadReport *self)
{
  g_return_val_if_fail (STEAD_IS_REPORT (self), NULL);

  return self->workspace;
}

/**
 * stead_report_get_width:
 * @self: a #SteadReport
 *
 * Returns: the width of a page's body in points: what a table or a box
 *   of stead_report_reserve() may take
 */
double
stead_report_get_width (SteadReport *self)
{
  g_return_val_if_fail (STEAD_IS_REPORT (self), 0);

  return STEAD_REPORT_PAGE_W - 2 * STEAD_REPORT_MARGIN;
}

/* Structure tags are closed at the end of each page and opened again on
 * the next, so none spans a page. The names are static strings. */
static void
stead_report_tag_begin (SteadReport *self,
                        const char  *tag)
{
  cairo_tag_begin (self->cr, tag, NULL);
  g_ptr_array_add (self->open_tags, (gpointer) tag);
}

static void
stead_report_tag_end (SteadReport *self)
{
  const char *tag;

  g_assert (self->open_tags->len > 0);
  tag = g_ptr_array_steal_index (self->open_tags, self->open_tags->len - 1);
  cairo_tag_end (self->cr, tag);
}

/* What the document is, its protective marking and version at the head
 * of every page. */
static void
stead_report_header (SteadReport *self)
{
  cairo_t *cr = self->cr;
  double third = stead_report_get_width (self) / 3;
  g_autofree char *version = g_strdup_printf (_("Version %s"), self->version);

  g_autoptr(PangoLayout) title = stead_report_layout_new (
    cr, self->doc_title, stead_report_fonts[STEAD_REPORT_FONT_SMALL], third - 4, PANGO_ALIGN_LEFT);

  /* One line: the title is in full on the first page and in the metadata. */
  pango_layout_set_ellipsize (title, PANGO_ELLIPSIZE_END);
  cairo_save (cr);
  cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
  cairo_move_to (cr, STEAD_REPORT_MARGIN, STEAD_REPORT_HEADER_Y);
  pango_cairo_show_layout (cr, title);
  stead_report_show_text (cr, version, STEAD_REPORT_FONT_SMALL, STEAD_REPORT_MARGIN + 2 * third + 4,
                          STEAD_REPORT_HEADER_Y, third - 4, PANGO_ALIGN_RIGHT);
  cairo_set_source_rgb (cr, 0, 0, 0);
  stead_report_show_text (cr, self->marking, STEAD_REPORT_FONT_BOLD, STEAD_REPORT_MARGIN + third,
                          STEAD_REPORT_HEADER_Y - 1, third, PANGO_ALIGN_CENTER);
  cairo_restore (cr);
}

/* Area name, date of issue and "Page N of M" at the foot of every page,
 * the protective marking below them. */
static void
stead_report_footer (SteadReport *self)
{
  cairo_t *cr = self->cr;
  double third = stead_report_get_width (self) / 3;
  g_autofree char *page = g_strdup_printf (_("Page %u of %u"), self->page,
                                           self->n_pages > 0 ? self->n_pages : self->page);
  g_autofree char *issued = g_strdup_printf (_("Issued %s"), self->date_text);

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0.6, 0.6, 0.6);
  cairo_set_line_width (cr, 0.5);
  cairo_move_to (cr, STEAD_REPORT_MARGIN, STEAD_REPORT_FOOTER_Y - 6);
  cairo_rel_line_to (cr, 3 * third, 0);
  cairo_stroke (cr);
  cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
  stead_report_show_text (cr, self->area_name, STEAD_REPORT_FONT_SMALL, STEAD_REPORT_MARGIN,
                          STEAD_REPORT_FOOTER_Y, third, PANGO_ALIGN_LEFT);
  stead_report_show_text (cr, issued, STEAD_REPORT_FONT_SMALL, STEAD_REPORT_MARGIN + third,
                          STEAD_REPORT_FOOTER_Y, third, PANGO_ALIGN_CENTER);
  stead_report_show_text (cr, page, STEAD_REPORT_FONT_SMALL, STEAD_REPORT_MARGIN + 2 * third,
                          STEAD_REPORT_FOOTER_Y, third, PANGO_ALIGN_RIGHT);
  cairo_set_source_rgb (cr, 0, 0, 0);
  stead_report_show_text (cr, self->marking, STEAD_REPORT_FONT_BOLD, STEAD_REPORT_MARGIN,
                          STEAD_REPORT_FOOTER_Y + 13, 3 * third, PANGO_ALIGN_CENTER);
  cairo_restore (cr);
}

static void stead_report_row (SteadReport        *self,
                              const char * const *cells,
                              gboolean            header,
                              guint               flagged);

/* Ends the page being drawn (if any) and starts the next; a table that
 * goes on repeats its header row there. */
static void
stead_report_new_page (SteadReport *self)
{
  g_autoptr(GPtrArray) reopen = NULL;

  /* HTML has no pages. */
  if (self->html != NULL)
    return;
  reopen = g_ptr_array_copy (self->open_tags, NULL, NULL);
  while (self->open_tags->len > 0)
    stead_report_tag_end (self);
  if (self->page > 0)
    {
      stead_report_footer (self);
      cairo_show_page (self->cr);
    }
  self->page++;
  self->y = STEAD_REPORT_TOP;
  stead_report_header (self);
  for (guint i = 0; i < reopen->len; i++)
    stead_report_tag_begin (self, g_ptr_array_index (reopen, i));
  if (self->n_columns > 0)
    stead_report_row (self, (const char * const *) self->column_titles, TRUE, 0);
}

/* Breaks the page unless @height fits below what is on it. */
static void
stead_report_ensure (SteadReport *self,
                     double       height)
{
  if (self->y + height > STEAD_REPORT_BOTTOM && self->y > STEAD_REPORT_TOP + 0.5)
    stead_report_new_page (self);
}

/* Draws @layout at @x line by line from the cursor, breaking pages
 * between lines: text is never cut off. */
static void
stead_report_flow (SteadReport *self,
                   PangoLayout *layout,
                   double       x)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  double origin = self->y;

  do
    {
      PangoLayoutLine *line = pango_layout_iter_get_line_readonly (iter);
      PangoRectangle logical;
      double top, bottom;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      top = origin + logical.y / (double) PANGO_SCALE;
      bottom = top + logical.height / (double) PANGO_SCALE;
      if (bottom > STEAD_REPORT_BOTTOM && top > STEAD_REPORT_TOP + 0.5)
        {
          stead_report_new_page (self);
          origin = self->y - logical.y / (double) PANGO_SCALE;
        }
      cairo_move_to (self->cr, x + logical.x / (double) PANGO_SCALE,
                     origin + pango_layout_iter_get_baseline (iter) / (double) PANGO_SCALE);
      pango_cairo_show_layout_line (self->cr, line);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
  self->y = origin + stead_report_layout_height (layout);
}

/* One block of text in @font from the cursor, tagged as @tag. */
static void
stead_report_block (SteadReport    *self,
                    const char     *text,
                    const char     *font,
                    PangoAlignment  alignment,
                    const char     *tag)
{
  g_autoptr(PangoLayout) layout = stead_report_layout_new (self->cr, text, font,
                                                           stead_report_get_width (self),
                                                           alignment);

  stead_report_tag_begin (self, tag);
  cairo_set_source_rgb (self->cr, 0.1, 0.1, 0.1);
  stead_report_flow (self, layout, STEAD_REPORT_MARGIN);
  stead_report_tag_end (self);
}

/* ------------------------------------------------------------------------ */
/* What sections draw with                                                  */

static void
stead_report_end_open_table (SteadReport *self)
{
  if (self->n_columns > 0)
    stead_report_table_end (self);
}

/* A heading (level 0 is a section's title), a destination for links to
 * it, and an item of the document outline for levels 0 and 1. */
static void
stead_report_heading_full (SteadReport *self,
                           int          level,
                           const char  *text,
                           const char  *dest)
{
  static const char * const fonts[] = { "Sans Bold 18", "Sans Bold 14", "Sans Bold 11" };
  static const char * const tags[] = { "H1", "H2", "H3" };
  g_autoptr(PangoLayout) layout = NULL;
  g_autofree char *own_dest = NULL;
  g_autofree char *attributes = NULL;

  stead_report_end_open_table (self);
  if (dest == NULL)
    dest = own_dest = g_strdup_printf ("stead-heading-%u", ++self->n_dests);
  if (self->html != NULL)
    {
      /* A section's title opens its <section>; h2 below the document's h1. */
      g_autofree char *id = g_strdup_printf ("id=\"%s\"", dest);
      static const char * const elements[] = { "h2", "h3", "h4" };

      if (level == 0)
        {
          if (self->html_section)
            g_string_append (self->html, "</section>\n");
          g_string_append_printf (self->html, "<section aria-labelledby=\"%s\">\n", dest);
          self->html_section = TRUE;
        }
      stead_report_html_element (self->html, elements[level], id, text);
      return;
    }
  if (self->y > STEAD_REPORT_TOP + 0.5)
    self->y += level == 2 ? 6 : 12;
  layout = stead_report_layout_new (self->cr, text, fonts[level], stead_report_get_width (self),
                                    PANGO_ALIGN_LEFT);
  stead_report_ensure (self, stead_report_layout_height (layout) + STEAD_REPORT_KEEP);

  attributes = g_strdup_printf ("name='%s'", dest);
  cairo_tag_begin (self->cr, CAIRO_TAG_DEST, attributes);
  stead_report_tag_begin (self, tags[level]);
  cairo_set_source_rgb (self->cr, 0.05, 0.2, 0.35);
  stead_report_flow (self, layout, STEAD_REPORT_MARGIN);
  stead_report_tag_end (self);
  cairo_tag_end (self->cr, CAIRO_TAG_DEST);
  self->y += level == 0 ? 10 : 4;

  g_free (attributes);
  attributes = g_strdup_printf ("dest='%s'", dest);
  if (level == 0)
    self->outline = cairo_pdf_surface_add_outline (self->surface, CAIRO_PDF_OUTLINE_ROOT, text,
                                                   attributes, CAIRO_PDF_OUTLINE_FLAG_OPEN);
  else if (level == 1)
    cairo_pdf_surface_add_outline (self->surface, self->outline, text, attributes, 0);
}

/**
 * stead_report_heading:
 * @self: a #SteadReport
 * @level: 1 for a heading within a section, 2 for one below that
 * @text: the heading, translated
 *
 * Adds a heading, kept on one page with what follows it.
 */
void
stead_report_heading (SteadReport *self,
                      int          level,
                      const char  *text)
{
  g_return_if_fail (STEAD_IS_REPORT (self));
  g_return_if_fail (level == 1 || level == 2);
  g_return_if_fail (text != NULL);

  stead_report_heading_full (self, level, text, NULL);
}

/**
 * stead_report_paragraph:
 * @self: a #SteadReport
 * @text: the paragraph, translated
 *
 * Adds a paragraph, wrapped to the page and continued on the next where
 * it does not fit.
 */
void
stead_report_paragraph (SteadReport *self,
                        const char  *text)
{
  g_return_if_fail (STEAD_IS_REPORT (self));
  g_return_if_fail (text != NULL);

  stead_report_end_open_table (self);
  if (self->html != NULL)
    {
      stead_report_html_element (self->html, "p", NULL, text);
      return;
    }
  stead_report_block (self, text, stead_report_fonts[STEAD_REPORT_FONT_BODY], PANGO_ALIGN_LEFT,
                      "P");
  self->y += 6;
}

/* A key in bold and its value wrapped beside it, led by a swatch of
 * @colour if it is not NULL; the key takes @share of the width. */
static void
stead_report_fact (SteadReport *self,
                   const char  *colour,
                   const char  *key,
                   const char  *value,
                   double       share)
{
  double swatch = colour != NULL ? 14 : 0, key_width, key_height, top, left;
  g_autoptr(PangoLayout) key_layout = NULL;
  g_autoptr(PangoLayout) value_layout = NULL;
  guint page;

  stead_report_end_open_table (self);
  if (self->html != NULL)
    {
      g_string_append (self->html, colour != NULL ? "<p class=\"legend\">" : "<p class=\"fact\">");
      /* The colour is checked to be one: nothing else goes into the style. */
      if (colour != NULL)
        g_string_append_printf (self->html, "<span class=\"swatch\" style=\"background:%s\">"
                                "</span>", stead_report_html_colour (colour) ? colour : "#c8c8c8");
      g_string_append (self->html, "<strong>");
      stead_report_html_text (self->html, key);
      g_string_append (self->html, "</strong> ");
      stead_report_html_text (self->html, value);
      g_string_append (self->html, "</p>\n");
      return;
    }
  left = STEAD_REPORT_MARGIN + (colour != NULL ? swatch + 8 : 0);
  key_width = stead_report_get_width (self) * share;
  key_layout = stead_report_layout_new (self->cr, key, stead_report_fonts[STEAD_REPORT_FONT_BOLD],
                                        key_width - 8, PANGO_ALIGN_LEFT);
  value_layout = stead_report_layout_new (self->cr, value != NULL ? value : "",
                                          stead_report_fonts[STEAD_REPORT_FONT_BODY],
                                          STEAD_REPORT_MARGIN + stead_report_get_width (self)
                                            - left - key_width,
                                          PANGO_ALIGN_LEFT);
  key_height = MAX (swatch, stead_report_layout_height (key_layout));
  stead_report_ensure (self, key_height);

  stead_report_tag_begin (self, "P");
  top = self->y;
  page = self->page;
  if (colour != NULL)
    {
      stead_report_set_source_hex (self->cr, colour);
      cairo_rectangle (self->cr, STEAD_REPORT_MARGIN, top, swatch, swatch);
      cairo_fill_preserve (self->cr);
      cairo_set_source_rgb (self->cr, 0.4, 0.4, 0.4);
      cairo_set_line_width (self->cr, 0.5);
      cairo_stroke (self->cr);
    }
  cairo_set_source_rgb (self->cr, 0.1, 0.1, 0.1);
  cairo_move_to (self->cr, left, top);
  pango_cairo_show_layout (self->cr, key_layout);
  stead_report_flow (self, value_layout, left + key_width);
  if (self->page == page)
    self->y = MAX (self->y, top + key_height);
  stead_report_tag_end (self);
}

/**
 * stead_report_key_value:
 * @self: a #SteadReport
 * @key: what the value is, translated
 * @value: (nullable): the value; a dash if %NULL
 *
 * Adds a row of a list of facts: the key on the left, the value wrapped
 * beside it.
 */
void
stead_report_key_value (SteadReport *self,
                        const char  *key,
                        const char  *value)
{
  g_return_if_fail (STEAD_IS_REPORT (self));
  g_return_if_fail (key != NULL);

  stead_report_fact (self, NULL, key, value != NULL ? value : "—", 0.35);
  self->y += 3;
}

/* The width of the longest word of @text in @font, in points. */
static double
stead_report_longest_word (cairo_t    *cr,
                           const char *text,
                           const char *font)
{
  g_auto(GStrv) words = NULL;
  g_autoptr(PangoLayout) layout = NULL;
  double longest = 0;

  if (text == NULL || *text == '\0')
    return 0;
  layout = stead_report_layout_new (cr, NULL, font, 0, PANGO_ALIGN_LEFT);
  words = g_strsplit_set (text, " \t\n", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      int width;

      if (*words[i] == '\0')
        continue;
      pango_layout_set_text (layout, words[i], -1);
      pango_layout_get_size (layout, &width, NULL);
      longest = MAX (longest, width / (double) PANGO_SCALE);
    }
  return longest;
}

/* One row of the open table; the header row is drawn where the cursor
 * is, a body row first breaks the page if it does not fit. Cells in
 * @flagged are drawn bold in dark red. */
static void
stead_report_row (SteadReport        *self,
                  const char * const *cells,
                  gboolean            header,
                  guint               flagged)
{
  cairo_t *cr = self->cr;
  g_autoptr(GPtrArray) layouts = g_ptr_array_new_with_free_func (g_object_unref);
  double height = 0, x = STEAD_REPORT_MARGIN;
  /* A cell taller than a page ends in an ellipsis rather than run into
   * the footer; anything shorter grows its row. */
  int max_height = (int) ((STEAD_REPORT_BOTTOM - STEAD_REPORT_TOP - 3 * STEAD_REPORT_KEEP)
                          * PANGO_SCALE);

  if (self->html != NULL)
    {
      g_string_append (self->html, header ? "<thead>\n<tr>" : "<tr>");
      for (guint i = 0; i < self->n_columns; i++)
        {
          const char *element = header ? "th" : "td";

          g_string_append_printf (self->html, "<%s%s>", element,
                                  header ? " scope=\"col\""
                                         : i < 32 && (flagged & (1u << i)) ? " class=\"flagged\""
                                                                           : "");
          stead_report_html_text (self->html, cells[i]);
          g_string_append_printf (self->html, "</%s>", element);
        }
      g_string_append (self->html, header ? "</tr>\n</thead>\n<tbody>\n" : "</tr>\n");
      return;
    }
  for (guint i = 0; i < self->n_columns; i++)
    {
      gboolean bold = header || (i < 32 && (flagged & (1u << i)));
      const char *font = stead_report_fonts[bold ? STEAD_REPORT_FONT_SMALL_BOLD
                                                 : STEAD_REPORT_FONT_SMALL];
      double width = self->column_widths[i] - 2 * STEAD_REPORT_CELL_PAD;
      PangoLayout *layout = stead_report_layout_new (cr, cells[i], font, width, PANGO_ALIGN_LEFT);

      if (self->measuring)
        {
          /* Its longest word, and its text on one line. */
          double *min = &g_array_index (self->measured, double, i);
          double *natural = &g_array_index (self->measured, double, self->n_columns + i);
          g_autoptr(PangoLayout) line = stead_report_layout_new (cr, cells[i], font, 0,
                                                                 PANGO_ALIGN_LEFT);
          int line_width;

          pango_layout_get_size (line, &line_width, NULL);
          *min = MAX (*min, stead_report_longest_word (cr, cells[i], font)
                              + 2 * STEAD_REPORT_CELL_PAD + 1);
          *natural = MAX (*natural, line_width / (double) PANGO_SCALE
                                      + 2 * STEAD_REPORT_CELL_PAD + 1);
        }

      pango_layout_set_height (layout, max_height);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      height = MAX (height, stead_report_layout_height (layout));
      g_ptr_array_add (layouts, layout);
    }
  height += 2 * STEAD_REPORT_CELL_PAD;
  if (!header)
    stead_report_ensure (self, height);

  if (header)
    {
      cairo_set_source_rgb (cr, 0.9, 0.92, 0.94);
      cairo_rectangle (cr, x, self->y, stead_report_get_width (self), height);
      cairo_fill (cr);
    }
  stead_report_tag_begin (self, "TR");
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  for (guint i = 0; i < self->n_columns; i++)
    {
      gboolean flag = !header && i < 32 && (flagged & (1u << i));

      stead_report_tag_begin (self, header ? "TH" : "TD");
      if (flag)
        cairo_set_source_rgb (cr, 0.65, 0.05, 0.05);
      cairo_move_to (cr, x + STEAD_REPORT_CELL_PAD, self->y + STEAD_REPORT_CELL_PAD);
      pango_cairo_show_layout (cr, g_ptr_array_index (layouts, i));
      if (flag)
        cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
      stead_report_tag_end (self);
      x += self->column_widths[i];
    }
  stead_report_tag_end (self);
  self->y += height;

  cairo_set_source_rgb (cr, 0.75, 0.75, 0.75);
  cairo_set_line_width (cr, header ? 1.0 : 0.5);
  cairo_move_to (cr, STEAD_REPORT_MARGIN, self->y);
  cairo_rel_line_to (cr, stead_report_get_width (self), 0);
  cairo_stroke (cr);
}

/* Columns sized to what they hold: each at least as wide as its longest
 * word, none wider than its longest line while another needs the room;
 * the room left is shared by the columns' weights. If the words cannot
 * all fit, every column gets its share of the width by its longest word. */
static void
stead_report_fit_columns (double       *widths,
                          const double *weights,
                          const double *min,
                          const double *natural,
                          guint         n,
                          double        total)
{
  g_autofree gboolean *capped = g_new0 (gboolean, n);
  double need = 0, room, weight;
  gboolean again = TRUE;

  for (guint i = 0; i < n; i++)
    need += min[i];
  if (need > total)
    {
      for (guint i = 0; i < n; i++)
        widths[i] = total * min[i] / need;
      return;
    }
  /* Water-filling: a column whose share would take it past its longest
   * line gets that line and leaves the rest to the others. */
  while (again)
    {
      again = FALSE;
      room = total;
      weight = 0;
      for (guint i = 0; i < n; i++)
        {
          room -= capped[i] ? MAX (natural[i], min[i]) : min[i];
          weight += capped[i] ? 0 : weights[i];
        }
      for (guint i = 0; i < n && weight > 0; i++)
        if (!capped[i] && min[i] + room * weights[i] / weight > MAX (natural[i], min[i]))
          again = capped[i] = TRUE;
    }
  for (guint i = 0; i < n; i++)
    widths[i] = capped[i] ? MAX (natural[i], min[i])
                          : min[i] + (weight > 0 ? room * weights[i] / weight : 0);
  /* Everything fits on one line: the spare width by weight, across the page. */
  if (weight <= 0 && room > 0)
    {
      double all = 0;

      for (guint i = 0; i < n; i++)
        all += weights[i];
      for (guint i = 0; i < n; i++)
        widths[i] += room * weights[i] / all;
    }
}

/**
 * stead_report_table_begin:
 * @self: a #SteadReport
 * @columns: (array length=n_columns): the columns' titles and widths
 * @n_columns: how many there are
 *
 * Starts a table across the page's width and draws its header row, which
 * is drawn again at the top of each page the table goes on to. Add rows
 * with stead_report_table_row(), end it with stead_report_table_end().
 */
void
stead_report_table_begin (SteadReport             *self,
                          const SteadReportColumn *columns,
                          guint                    n_columns)
{
  double total = 0;

  g_return_if_fail (STEAD_IS_REPORT (self));
  g_return_if_fail (columns != NULL && n_columns > 0);

  stead_report_end_open_table (self);
  if (self->html != NULL)
    {
      g_auto(GStrv) titles = g_new0 (char *, n_columns + 1);

      for (guint i = 0; i < n_columns; i++)
        titles[i] = g_strdup (columns[i].title != NULL ? columns[i].title : "");
      g_string_append (self->html, "<table>\n");
      self->n_columns = n_columns;
      stead_report_row (self, (const char * const *) titles, TRUE, 0);
      return;
    }
  self->column_titles = g_new0 (char *, n_columns + 1);
  self->column_widths = g_new0 (double, n_columns);
  for (guint i = 0; i < n_columns; i++)
    total += columns[i].width > 0 ? columns[i].width : 1;
  for (guint i = 0; i < n_columns; i++)
    {
      self->column_titles[i] = g_strdup (columns[i].title != NULL ? columns[i].title : "");
      self->column_widths[i] = stead_report_get_width (self)
                               * (columns[i].width > 0 ? columns[i].width : 1) / total;
    }
  if (self->measuring)
    {
      /* The longest words, then the longest lines. */
      self->measured = g_array_new (FALSE, TRUE, sizeof (double));
      g_array_set_size (self->measured, 2 * n_columns);
      g_ptr_array_add (self->table_min, self->measured);
    }
  else if (self->n_tables < self->table_min->len)
    {
      GArray *measured = g_ptr_array_index (self->table_min, self->n_tables);
      const double *sizes = (const double *) (gpointer) measured->data;
      g_autofree double *weights = g_new (double, n_columns);

      for (guint i = 0; i < n_columns; i++)
        weights[i] = columns[i].width > 0 ? columns[i].width : 1;
      if (measured->len == 2 * n_columns)
        stead_report_fit_columns (self->column_widths, weights, sizes, sizes + n_columns,
                                  n_columns, stead_report_get_width (self));
    }
  self->n_tables++;

  /* The header row keeps at least one row with it. */
  stead_report_ensure (self, 2 * STEAD_REPORT_KEEP);
  stead_report_tag_begin (self, "Table");
  self->n_columns = n_columns;
  stead_report_row (self, (const char * const *) self->column_titles, TRUE, 0);
}

/**
 * stead_report_table_row:
 * @self: a #SteadReport
 * @cells: (array): one text per column (%NULL for an empty cell)
 *
 * Adds a row to the table, its cells' text wrapped to their columns.
 */
void
stead_report_table_row (SteadReport        *self,
                        const char * const *cells)
{
  g_return_if_fail (STEAD_IS_REPORT (self));
  g_return_if_fail (self->n_columns > 0);
  g_return_if_fail (cells != NULL);

  stead_report_row (self, cells, FALSE, 0);
}

/**
 * stead_report_table_row_flagged:
 * @self: a #SteadReport
 * @cells: (array): one text per column (%NULL for an empty cell)
 * @flagged: the cells that need attention, bit 0 for the first column
 *
 * Adds a row as stead_report_table_row() does, the cells in @flagged
 * bold in dark red (an overdue date, say; say so in the text as well).
 */
void
stead_report_table_row_flagged (SteadReport        *self,
                                const char * const *cells,
                                guint               flagged)
{
  g_return_if_fail (STEAD_IS_REPORT (self));
  g_return_if_fail (self->n_columns > 0);
  g_return_if_fail (cells != NULL);

  stead_report_row (self, cells, FALSE, flagged);
}

/**
 * stead_report_table_end:
 * @self: a #SteadReport
 *
 * Ends the table stead_report_table_begin() started.
 */
void
stead_report_table_end (SteadReport *self)
{
  g_return_if_fail (STEAD_IS_REPORT (self));
  g_return_if_fail (self->n_columns > 0);

  if (self->html != NULL)
    {
      g_string_append (self->html, "</tbody>\n</table>\n");
      self->n_columns = 0;
      return;
    }
  /* Sized to their content, the columns break the pages elsewhere. */
  if (self->measured != NULL)
    self->widths_changed = TRUE;
  self->n_columns = 0;
  self->measured = NULL;
  g_clear_pointer (&self->column_titles, g_strfreev);
  g_clear_pointer (&self->column_widths, g_free);
  stead_report_tag_end (self);
  self->y += 10;
}

/**
 * stead_report_legend_row:
 * @self: a #SteadReport
 * @colour: (nullable): the swatch's colour, "#rrggbb"
 * @key: what the colour stands for, translated
 * @value: (nullable): more about it, wrapped beside the key
 *
 * Adds a row of a legend: a swatch, the key in bold and the value.
 */
void
stead_report_legend_row (SteadReport *self,
                         const char  *colour,
                         const char  *key,
                         const char  *value)
{
  g_return_if_fail (STEAD_IS_REPORT (self));
  g_return_if_fail (key != NULL);

  stead_report_fact (self, colour != NULL ? colour : "", key, value, 0.3);
  self->y += 4;
}

static cairo_status_t
stead_report_svg_write (void                *closure,
                        const unsigned char *data,
                        unsigned int         length)
{
  g_string_append_len (closure, (const char *) data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* A figure of @width × @height points (@width 0: the page's), centred,
 * drawn by @func, with @alt (if any) as its caption below it; in HTML an
 * inline SVG in a <figure>, left open when @open for the table after it. */
static void
stead_report_figure_full (SteadReport         *self,
                          const char          *alt,
                          double               width,
                          double               height,
                          SteadReportDrawFunc  func,
                          gpointer             user_data,
                          gboolean             open)
{
  g_autoptr(PangoLayout) caption = NULL;
  double body = stead_report_get_width (self), caption_height = 0, left;

  stead_report_end_open_table (self);
  width = width > 0 ? MIN (width, body) : body;
  height = CLAMP (height, 0, STEAD_REPORT_BOTTOM - STEAD_REPORT_TOP - 2 * STEAD_REPORT_KEEP);
  if (self->html != NULL)
    {
      g_autoptr(GString) svg = g_string_new (NULL);
      cairo_surface_t *surface = cairo_svg_surface_create_for_stream (stead_report_svg_write, svg,
                                                                      width, height);
      cairo_t *cr = cairo_create (surface);

      cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
      func (self, cr, 0, 0, width, height, user_data);
      cairo_destroy (cr);
      cairo_surface_finish (surface);
      cairo_surface_destroy (surface);
      g_string_append (self->html, "<figure>\n");
      stead_report_html_svg (self->html, svg->str, ++self->n_figures, alt);
      if (alt != NULL)
        stead_report_html_element (self->html, "figcaption", NULL, alt);
      if (!open)
        g_string_append (self->html, "</figure>\n");
      return;
    }

  if (alt != NULL)
    {
      caption = stead_report_layout_new (self->cr, alt, stead_report_fonts[STEAD_REPORT_FONT_SMALL],
                                         body, PANGO_ALIGN_LEFT);
      caption_height = stead_report_layout_height (caption) + 4;
    }
  stead_report_ensure (self, height + caption_height);
  left = STEAD_REPORT_MARGIN + (body - width) / 2;
  stead_report_tag_begin (self, "Figure");
  cairo_save (self->cr);
  cairo_rectangle (self->cr, left, self->y, width, height);
  cairo_clip (self->cr);
  cairo_set_source_rgb (self->cr, 0.1, 0.1, 0.1);
  func (self, self->cr, left, self->y, width, height, user_data);
  cairo_restore (self->cr);
  stead_report_tag_end (self);
  self->y += height + 4;
  if (caption != NULL)
    {
      /* The alternative text in words, read by pdftotext and screen
       * readers alike (cairo 1.16 writes no /Alt). */
      stead_report_tag_begin (self, "Caption");
      cairo_set_source_rgb (self->cr, 0.25, 0.25, 0.25);
      stead_report_flow (self, caption, STEAD_REPORT_MARGIN);
      stead_report_tag_end (self);
    }
  self->y += 8;
}

/**
 * stead_report_reserve:
 * @self: a #SteadReport
 * @height: how tall the box is, in points; at most a page's body
 * @func: (scope call): draws into the box
 * @user_data: for @func
 *
 * Makes room for a chart or a matrix across the page's width (on the next
 * page if it does not fit on this one) and calls @func to draw it, clipped
 * to the box. Prefer stead_report_figure(), which says what it shows.
 */
void
stead_report_reserve (SteadReport         *self,
                      double               height,
                      SteadReportDrawFunc  func,
                      gpointer             user_data)
{
  g_return_if_fail (STEAD_IS_REPORT (self));
  g_return_if_fail (func != NULL);

  stead_report_figure_full (self, NULL, 0, height, func, user_data, FALSE);
}

/**
 * stead_report_figure:
 * @self: a #SteadReport
 * @alt: (nullable): what the figure shows, in words, translated: its
 *   caption and its alternative text
 * @width: its width in points (0 or more than the page's: the page's)
 * @height: its height in points
 * @func: (scope call): draws into the box, in the PDF and in the HTML's SVG
 * @user_data: for @func
 *
 * Adds a figure, tagged as one, centred on the page (on the next page if
 * it does not fit on this one) with @alt below it. In the HTML form it is
 * an inline SVG in a <figure> with @alt as its <figcaption>.
 */
void
stead_report_figure (SteadReport         *self,
                     const char          *alt,
                     double               width,
                     double               height,
                     SteadReportDrawFunc  func,
                     gpointer             user_data)
{
  g_return_if_fail (STEAD_IS_REPORT (self));
  g_return_if_fail (func != NULL);

  stead_report_figure_full (self, alt, width, height, func, user_data, FALSE);
}

static void
stead_report_draw_chart (SteadReport *report,
                         cairo_t     *cr,
                         double       x,
                         double       y,
                         double       width,
                         double       height,
                         gpointer     user_data)
{
  stead_chart_draw (user_data, cr, x, y, width, height);
}

/**
 * stead_report_chart:
 * @self: a #SteadReport
 * @chart: the chart
 *
 * Adds @chart as a figure (its description the caption and alternative
 * text), then its numbers as a table: a row a category, a column a series.
 */
void
stead_report_chart (SteadReport *self,
                    SteadChart  *chart)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_auto(GStrv) titles = NULL;
  g_autofree char *alt = NULL;
  g_autofree SteadReportColumn *columns = NULL;
  double width = stead_report_get_width (self), height = 260;
  guint n_columns;

  g_return_if_fail (STEAD_IS_REPORT (self));
  g_return_if_fail (STEAD_IS_CHART (chart));

  if (stead_chart_get_kind (chart) == STEAD_CHART_RADAR)
    height = MIN (width * 0.75, 360);
  else if (stead_chart_get_kind (chart) == STEAD_CHART_HEAT_GRID)
    height = CLAMP (110 + 18.0 * stead_chart_get_n_series (chart), 150, 500);
  if (stead_chart_is_empty (chart))
    height = 90;
  alt = stead_chart_get_description (chart);
  stead_report_figure_full (self, alt, width, height, stead_report_draw_chart, chart, TRUE);

  titles = stead_chart_get_table (chart, &rows);
  n_columns = g_strv_length (titles);
  columns = g_new0 (SteadReportColumn, n_columns);
  for (guint i = 0; i < n_columns; i++)
    columns[i] = (SteadReportColumn) { titles[i], i == 0 ? 2 : 1 };
  if (rows->len > 0)
    {
      stead_report_table_begin (self, columns, n_columns);
      for (guint i = 0; i < rows->len; i++)
        stead_report_table_row (self, g_ptr_array_index (rows, i));
      stead_report_table_end (self);
    }
  if (self->html != NULL)
    g_string_append (self->html, "</figure>\n");
}

/* ------------------------------------------------------------------------ */
/* The report                                                               */

static void
stead_report_title_page (SteadReport *self)
{
  g_autofree char *issued = g_strdup_printf (_("Issued %s"), self->date_text);

  stead_report_new_page (self);
  self->y = STEAD_REPORT_PAGE_H * 0.3;
  stead_report_block (self, self->area_name, "Sans Bold 28", PANGO_ALIGN_CENTER, "H");
  self->y += 16;
  stead_report_block (self, _("Partnership report"), "Sans 18", PANGO_ALIGN_CENTER, "P");
  self->y += 28;
  stead_report_block (self, issued, "Sans 12", PANGO_ALIGN_CENTER, "P");
  self->y += 8;
  {
    g_autofree char *version = g_strdup_printf (_("Version %s"), self->version);

    stead_report_block (self, version, "Sans 12", PANGO_ALIGN_CENTER, "P");
  }
  self->y += 28;
  stead_report_block (self, self->marking, "Sans Bold 16", PANGO_ALIGN_CENTER, "P");
}

/* Each entry links to its section; the page numbers are those the first
 * pass found (none in the first pass: a number does not change the lines). */
static void
stead_report_contents (SteadReport *self)
{
  double number_width = 60, width = stead_report_get_width (self);

  stead_report_new_page (self);
  stead_report_heading_full (self, 0, _("Contents"), "stead-contents");
  if (self->entries->len == 0)
    {
      stead_report_paragraph (self, _("There is nothing to report: none of the enabled plugins "
                                      "adds a section to reports."));
      return;
    }

  stead_report_tag_begin (self, "TOC");
  for (guint i = 0; i < self->entries->len; i++)
    {
      SteadReportEntry *entry = &g_array_index (self->entries, SteadReportEntry, i);
      g_autofree char *number = self->n_pages > 0 ? g_strdup_printf ("%u", entry->page)
                                                  : g_strdup ("");
      g_autofree char *link = g_strdup_printf ("dest='%s'", entry->dest);
      g_autoptr(PangoLayout) title = NULL;
      g_autoptr(PangoLayout) page = NULL;
      const char *body = stead_report_fonts[STEAD_REPORT_FONT_BODY];

      title = stead_report_layout_new (self->cr, entry->title, body, width - number_width,
                                       PANGO_ALIGN_LEFT);
      page = stead_report_layout_new (self->cr, number, body, number_width, PANGO_ALIGN_RIGHT);
      stead_report_ensure (self, stead_report_layout_height (title));

      stead_report_tag_begin (self, "TOCI");
      cairo_tag_begin (self->cr, CAIRO_TAG_LINK, link);
      cairo_set_source_rgb (self->cr, 0.1, 0.1, 0.1);
      cairo_move_to (self->cr, STEAD_REPORT_MARGIN, self->y);
      pango_cairo_show_layout (self->cr, title);
      cairo_move_to (self->cr, STEAD_REPORT_MARGIN + width - number_width, self->y);
      pango_cairo_show_layout (self->cr, page);
      cairo_tag_end (self->cr, CAIRO_TAG_LINK);
      stead_report_tag_end (self);
      self->y += stead_report_layout_height (title) + 6;
    }
  stead_report_tag_end (self);
}

/* Licence statements of the open data the workspace holds, last. */
static gboolean
stead_report_attributions (SteadReport  *self,
                           GError      **error)
{
  const SteadReportColumn columns[] = { { _("Source"), 1 }, { _("Attribution"), 3 } };
  g_autoptr(sqlite3_stmt) stmt = NULL;
  SteadReportEntry *entry = &g_array_index (self->entries, SteadReportEntry,
                                            self->entries->len - 1);
  SteadRows rows;

  stmt = stead_workspace_prepare (self->workspace,
                                  "SELECT source, text FROM stead_attribution ORDER BY source",
                                  error);
  if (stmt == NULL)
    return FALSE;
  stead_report_new_page (self);
  entry->page = self->page;
  stead_report_heading_full (self, 0, entry->title, entry->dest);
  stead_report_paragraph (self, _("This report uses open data under these terms."));
  stead_report_table_begin (self, columns, G_N_ELEMENTS (columns));
  rows = (SteadRows) STEAD_ROWS_INIT (stmt, "stead_attribution");
  while (stead_rows_next (&rows))
    {
      const char *cells[] = { (const char *) sqlite3_column_text (stmt, 0),
                              (const char *) sqlite3_column_text (stmt, 1) };

      stead_report_table_row (self, cells);
    }
  stead_report_table_end (self);
  return stead_rows_end (&rows, error);
}

static gboolean
stead_report_draw_sections (SteadReport  *self,
                            GPtrArray    *sections,
                            GError      **error)
{
  for (guint i = 0; i < sections->len; i++)
    {
      SteadReportSection *section = g_ptr_array_index (sections, i);
      SteadReportEntry *entry = &g_array_index (self->entries, SteadReportEntry, i);
      gboolean ok;

      if (g_cancellable_set_error_if_cancelled (self->cancellable, error))
        return FALSE;
      stead_report_new_page (self);
      entry->page = self->page;
      stead_report_heading_full (self, 0, entry->title, entry->dest);
      ok = stead_report_section_draw (section, self, self->workspace, self->cancellable, error);
      stead_report_end_open_table (self);
      if (!ok)
        {
          g_prefix_error (error, _("Section “%s”: "), entry->title);
          return FALSE;
        }
    }
  return g_cancellable_set_error_if_cancelled (self->cancellable, error) == FALSE;
}

typedef struct
{
  GOutputStream *out;     /* NULL in the first pass: nothing is written */
  GCancellable  *cancellable;
  GError        *error;
} SteadReportSink;

static cairo_status_t
stead_report_sink_write (void                *closure,
                         const unsigned char *data,
                         unsigned int         length)
{
  SteadReportSink *sink = closure;

  if (sink->out == NULL)
    return CAIRO_STATUS_SUCCESS;
  if (sink->error != NULL ||
      !g_output_stream_write_all (sink->out, data, length, NULL, sink->cancellable, &sink->error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

static void
stead_report_set_metadata (SteadReport *self)
{
  g_autofree char *title = NULL;

  if ((self->flags & STEAD_REPORT_FLAGS_SECTIONS_ONLY) && self->entries->len > 0)
    title = g_strdup_printf (_("%s: %s"), g_array_index (self->entries, SteadReportEntry, 0).title,
                             self->area_name);
  else
    title = g_strdup_printf (_("Partnership report: %s"), self->area_name);
  if (self->doc_title == NULL)
    self->doc_title = (self->flags & STEAD_REPORT_FLAGS_SECTIONS_ONLY) && self->entries->len > 0
                        ? g_strdup (g_array_index (self->entries, SteadReportEntry, 0).title)
                        : g_strdup (_("Partnership report"));
  cairo_pdf_surface_set_metadata (self->surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (self->surface, CAIRO_PDF_METADATA_SUBJECT, self->area_name);
  cairo_pdf_surface_set_metadata (self->surface, CAIRO_PDF_METADATA_CREATOR,
                                  "Stead " PACKAGE_VERSION);
  cairo_pdf_surface_set_metadata (self->surface, CAIRO_PDF_METADATA_CREATE_DATE, self->iso_date);
}

/* One pass over the whole report, into @out or (the first) into nothing. */
static gboolean
stead_report_run_pass (SteadReport    *self,
                       GPtrArray      *sections,
                       GOutputStream  *out,
                       GError        **error)
{
  SteadReportSink sink = { out, self->cancellable, NULL };
  gboolean ok;
  cairo_status_t status;

  self->surface = cairo_pdf_surface_create_for_stream (stead_report_sink_write, &sink,
                                                       STEAD_REPORT_PAGE_W, STEAD_REPORT_PAGE_H);
  self->cr = cairo_create (self->surface);
  self->page = 0;
  self->n_tables = 0;
  self->n_dests = 0;
  self->outline = CAIRO_PDF_OUTLINE_ROOT;
  stead_report_set_metadata (self);

  if (!(self->flags & STEAD_REPORT_FLAGS_SECTIONS_ONLY))
    {
      stead_report_title_page (self);
      stead_report_contents (self);
    }
  ok = stead_report_draw_sections (self, sections, error) &&
       (!self->has_attributions || stead_report_attributions (self, error));
  if (ok && self->page == 0)
    {
      stead_report_new_page (self);
      stead_report_paragraph (self, _("There is nothing to report."));
    }
  while (self->open_tags->len > 0)
    stead_report_tag_end (self);
  if (self->page > 0)
    stead_report_footer (self);
  status = cairo_status (self->cr);
  g_clear_pointer (&self->cr, cairo_destroy);
  cairo_surface_finish (self->surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (self->surface);
  g_clear_pointer (&self->surface, cairo_surface_destroy);

  if (!ok)
    {
      g_clear_error (&sink.error);
      return FALSE;
    }
  if (sink.error != NULL)
    {
      g_propagate_error (error, sink.error);
      return FALSE;
    }
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write the report: %s"),
                   cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

static const char * const stead_report_markings[] = { "OFFICIAL", "OFFICIAL-SENSITIVE", NULL };

/**
 * stead_report_list_markings:
 *
 * Returns: (transfer none) (array zero-terminated=1): the protective
 *   markings a report may carry (Government Security Classifications),
 *   the default first
 */
const char * const *
stead_report_list_markings (void)
{
  return stead_report_markings;
}

/**
 * stead_report_options_parse:
 * @options: the options to fill; their strings point into @export_options
 * @export_options: (nullable) (element-type utf8 utf8): an export's
 *   key=value options, as #SteadExportOptions holds them
 * @error: a #GError
 *
 * Reads "marking" (OFFICIAL or OFFICIAL-SENSITIVE, in any case) and
 * "version" (any text) into @options.
 *
 * Returns: %FALSE with @error if the marking is not one of those
 */
gboolean
stead_report_options_parse (SteadReportOptions  *options,
                            GHashTable          *export_options,
                            GError             **error)
{
  const char *marking = NULL, *version = NULL;

  g_return_val_if_fail (options != NULL, FALSE);

  memset (options, 0, sizeof *options);
  if (export_options != NULL)
    {
      marking = g_hash_table_lookup (export_options, "marking");
      version = g_hash_table_lookup (export_options, "version");
    }
  if (marking != NULL)
    {
      for (guint i = 0; stead_report_markings[i] != NULL; i++)
        if (g_ascii_strcasecmp (marking, stead_report_markings[i]) == 0)
          options->marking = stead_report_markings[i];
      if (options->marking == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("The protective marking “%s” is not OFFICIAL or OFFICIAL-SENSITIVE"),
                       marking);
          return FALSE;
        }
    }
  if (version != NULL && *version != '\0')
    options->version = version;
  return TRUE;
}

static SteadReport *
stead_report_new (SteadWorkspace           *workspace,
                  GPtrArray                *sections,
                  SteadReportFlags          flags,
                  const SteadReportOptions *options,
                  GCancellable             *cancellable)
{
  SteadReport *self = g_object_new (STEAD_TYPE_REPORT, NULL);
  const char *area_name = stead_workspace_get_area_name (workspace);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) utc = g_date_time_to_utc (now);

  self->workspace = g_object_ref (workspace);
  g_set_object (&self->cancellable, cancellable);
  self->flags = flags;
  if (area_name == NULL || *area_name == '\0')
    area_name = _("Unnamed area");
  self->area_name = g_strdup (area_name);
  /* Translators: the date of issue on the title page and every page's
   * footer, in strftime() notation (see g_date_time_format()). */
  self->date_text = g_date_time_format (now, _("%-d %B %Y"));
  self->iso_date = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
  self->marking = g_strdup (options != NULL && options->marking != NULL ? options->marking
                                                                         : "OFFICIAL");
  if (options != NULL && options->version != NULL)
    self->version = g_strdup (options->version);
  else
    {
      g_autoptr(sqlite3_stmt) stmt =
        stead_workspace_prepare (workspace, "SELECT coalesce (max (id), 0) FROM stead_audit", NULL);

      self->version = g_strdup_printf ("%" G_GINT64_FORMAT,
                                       stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW
                                         ? (gint64) sqlite3_column_int64 (stmt, 0) : (gint64) 0);
    }

  for (guint i = 0; i < sections->len; i++)
    {
      const char *title = stead_report_section_get_title (g_ptr_array_index (sections, i));
      SteadReportEntry entry = { g_strdup (title != NULL ? title : _("Untitled section")),
                                 g_strdup_printf ("stead-section-%u", i + 1), 0 };

      g_array_append_val (self->entries, entry);
    }
  self->has_attributions = stead_workspace_count_rows (workspace, "stead_attribution") > 0;
  if (self->has_attributions)
    {
      SteadReportEntry entry = { g_strdup (_("Data attributions")),
                                 g_strdup ("stead-attributions"), 0 };

      g_array_append_val (self->entries, entry);
    }
  return self;
}

/**
 * stead_report_write_full:
 * @workspace: what to report on
 * @sections: (element-type SteadReportSection): the sections, in order
 * @flags: what to leave out
 * @out: where to write the PDF
 * @cancellable: (nullable): a #GCancellable
 * @error: a #GError
 *
 * Writes an A4 PDF: a title page (the area's name and the date of issue),
 * a contents page linking to each section with its page number, the
 * sections each from a new page, and the attributions of open data last;
 * a footer on every page with the area, the date and "Page N of M". Text
 * is tagged, with an outline and metadata, so readers and pdftotext find
 * it. The sections are drawn two or three times: a first pass measures
 * the tables' columns and counts the pages, a second counts them again
 * with the columns fitted (when there are tables), the last writes.
 * Reads the workspace only.
 *
 * Returns: %FALSE with @error if a section failed or the PDF could not
 *   be written; what was written to @out is then incomplete
 */
gboolean
stead_report_write_full (SteadWorkspace    *workspace,
                         GPtrArray         *sections,
                         SteadReportFlags   flags,
                         GOutputStream     *out,
                         GCancellable      *cancellable,
                         GError           **error)
{
  return stead_report_write_with_options (workspace, sections, flags, NULL, out, cancellable,
                                          error);
}

/**
 * stead_report_write_with_options:
 * @workspace: what to report on
 * @sections: (element-type SteadReportSection): the sections, in order
 * @flags: what to leave out
 * @options: (nullable): the marking and version to print on every page
 * @out: where to write the PDF
 * @cancellable: (nullable): a #GCancellable
 * @error: a #GError
 *
 * Writes the report as stead_report_write_full() does, with a header on
 * every page (what it is, the protective marking, the version) and the
 * marking again below the footer. Table columns are widened to their
 * longest word, so no word is cut: the first pass measures them.
 *
 * Returns: %FALSE with @error if it could not be written
 */
gboolean
stead_report_write_with_options (SteadWorkspace           *workspace,
                                 GPtrArray                *sections,
                                 SteadReportFlags          flags,
                                 const SteadReportOptions *options,
                                 GOutputStream            *out,
                                 GCancellable             *cancellable,
                                 GError                  **error)
{
  g_autoptr(SteadReport) self = NULL;
  guint n_pages;

  g_return_val_if_fail (STEAD_IS_WORKSPACE (workspace), FALSE);
  g_return_val_if_fail (sections != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  for (guint i = 0; i < sections->len; i++)
    g_return_val_if_fail (STEAD_IS_REPORT_SECTION (g_ptr_array_index (sections, i)), FALSE);

  self = stead_report_new (workspace, sections, flags, options, cancellable);
  self->measuring = TRUE;
  if (!stead_report_run_pass (self, sections, NULL, error))
    return FALSE;
  self->measuring = FALSE;
  /* Wider columns may change where the pages break: count them again. */
  if (self->widths_changed && !stead_report_run_pass (self, sections, NULL, error))
    return FALSE;
  n_pages = self->page;
  self->n_pages = n_pages;
  if (!stead_report_run_pass (self, sections, out, error))
    return FALSE;
  g_warn_if_fail (self->page == n_pages);
  return TRUE;
}

/* The whole report as one HTML document: the same sections, drawn once. */
static void
stead_report_run_html (SteadReport  *self,
                       GPtrArray    *sections,
                       gboolean     *ok,
                       GError      **error)
{
  GString *html = self->html;
  g_autofree char *title = NULL;
  g_autofree char *issued = g_strdup_printf (_("Issued %s"), self->date_text);
  g_autofree char *version = g_strdup_printf (_("Version %s"), self->version);
  gboolean sections_only = (self->flags & STEAD_REPORT_FLAGS_SECTIONS_ONLY) != 0;

  if (sections_only && self->entries->len > 0)
    title = g_strdup_printf (_("%s: %s"), g_array_index (self->entries, SteadReportEntry, 0).title,
                             self->area_name);
  else
    title = g_strdup_printf (_("Partnership report: %s"), self->area_name);
  g_string_append (html, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
                         "<meta charset=\"utf-8\">\n"
                         "<meta name=\"viewport\" content=\"width=device-width\">\n"
                         "<meta name=\"generator\" content=\"Stead " PACKAGE_VERSION "\">\n");
  stead_report_html_element (html, "title", NULL, title);
  g_string_append_printf (html, "<style>\n%s</style>\n</head>\n<body>\n<header>\n",
                          stead_report_html_style ());
  stead_report_html_element (html, "p", "class=\"marking\"", self->marking);
  g_string_append (html, "</header>\n<main>\n");
  if (sections_only)
    stead_report_html_element (html, "h1", NULL, title);
  else
    {
      stead_report_html_element (html, "h1", NULL, self->area_name);
      stead_report_html_element (html, "p", "class=\"subtitle\"", _("Partnership report"));
      stead_report_html_element (html, "p", NULL, issued);
      stead_report_html_element (html, "p", NULL, version);
      g_string_append (html, "<nav aria-labelledby=\"stead-contents\">\n");
      stead_report_html_element (html, "h2", "id=\"stead-contents\"", _("Contents"));
      if (self->entries->len == 0)
        stead_report_html_element (html, "p", NULL,
                                   _("There is nothing to report: none of the enabled plugins "
                                     "adds a section to reports."));
      else
        {
          g_string_append (html, "<ol>\n");
          for (guint i = 0; i < self->entries->len; i++)
            {
              SteadReportEntry *entry = &g_array_index (self->entries, SteadReportEntry, i);

              g_string_append_printf (html, "<li><a href=\"#%s\">", entry->dest);
              stead_report_html_text (html, entry->title);
              g_string_append (html, "</a></li>\n");
            }
          g_string_append (html, "</ol>\n");
        }
      g_string_append (html, "</nav>\n");
    }
  *ok = stead_report_draw_sections (self, sections, error) &&
        (!self->has_attributions || stead_report_attributions (self, error));
  stead_report_end_open_table (self);
  if (self->html_section)
    g_string_append (html, "</section>\n");
  self->html_section = FALSE;
  if (self->entries->len == 0 && sections_only)
    stead_report_html_element (html, "p", NULL, _("There is nothing to report."));
  g_string_append (html, "</main>\n<footer>\n");
  /* Translators: the HTML report's footer: area, date of issue, version */
  {
    g_autofree char *footer = g_strdup_printf (_("%s · %s · %s"), self->area_name, issued,
                                               version);

    stead_report_html_element (html, "p", NULL, footer);
  }
  stead_report_html_element (html, "p", "class=\"marking\"", self->marking);
  g_string_append (html, "</footer>\n</body>\n</html>\n");
}

/**
 * stead_report_write_html:
 * @workspace: what to report on
 * @sections: (element-type SteadReportSection): the sections, in order
 * @flags: what to leave out
 * @options: (nullable): the marking and version
 * @out: where to write the HTML
 * @cancellable: (nullable): a #GCancellable
 * @error: a #GError
 *
 * Writes the report as one HTML document (UTF-8, no external files): its
 * title, the protective marking, the area's name and date of issue, the
 * contents linking to each section, the sections as the PDF has them
 * (each stead_report_*() call a section makes has an HTML form; figures
 * and charts are inline SVG in a <figure> with their caption and table),
 * the attributions, and a footer. All text is escaped.
 *
 * Returns: %FALSE with @error if a section failed or @out could not be written
 */
gboolean
stead_report_write_html (SteadWorkspace           *workspace,
                         GPtrArray                *sections,
                         SteadReportFlags          flags,
                         const SteadReportOptions *options,
                         GOutputStream            *out,
                         GCancellable             *cancellable,
                         GError                  **error)
{
  g_autoptr(SteadReport) self = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (STEAD_IS_WORKSPACE (workspace), FALSE);
  g_return_val_if_fail (sections != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  for (guint i = 0; i < sections->len; i++)
    g_return_val_if_fail (STEAD_IS_REPORT_SECTION (g_ptr_array_index (sections, i)), FALSE);

  self = stead_report_new (workspace, sections, flags, options, cancellable);
  self->html = g_string_new (NULL);
  stead_report_run_html (self, sections, &ok, error);
  if (!ok)
    return FALSE;
  return g_output_stream_write_all (out, self->html->str, self->html->len, NULL, cancellable,
                                    error);
}

/**
 * stead_report_format_for_file:
 * @file: the file a report is to be written to
 *
 * Returns: HTML if @file's name ends in .html or .htm (in any case), else PDF
 */
SteadReportFormat
stead_report_format_for_file (GFile *file)
{
  g_autofree char *name = NULL;
  g_autofree char *lower = NULL;

  g_return_val_if_fail (G_IS_FILE (file), STEAD_REPORT_FORMAT_PDF);

  name = g_file_get_basename (file);
  lower = g_ascii_strdown (name != NULL ? name : "", -1);
  return g_str_has_suffix (lower, ".html") || g_str_has_suffix (lower, ".htm")
           ? STEAD_REPORT_FORMAT_HTML : STEAD_REPORT_FORMAT_PDF;
}

/**
 * stead_report_format_parse:
 * @name: "pdf" or "html", in any case
 * @format: (out): the format
 * @error: a #GError
 *
 * Returns: %FALSE with @error naming @name if it is neither
 */
gboolean
stead_report_format_parse (const char         *name,
                           SteadReportFormat  *format,
                           GError            **error)
{
  g_return_val_if_fail (format != NULL, FALSE);

  if (name != NULL && g_ascii_strcasecmp (name, "pdf") == 0)
    *format = STEAD_REPORT_FORMAT_PDF;
  else if (name != NULL && g_ascii_strcasecmp (name, "html") == 0)
    *format = STEAD_REPORT_FORMAT_HTML;
  else
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The report format “%s” is not pdf or html"), name != NULL ? name : "");
      return FALSE;
    }
  return TRUE;
}

/**
 * stead_report_export_section:
 * @info: the section
 * @workspace: a #SteadWorkspace
 * @options: the export's options: "marking" and "version" are read
 * @out: where to write the PDF
 * @cancellable: (nullable): a #GCancellable
 * @error: a #GError
 *
 * A PDF export of one section alone, without a title page or contents,
 * with the marking and version the export's options give (a marking that
 * is not one is refused, naming it): the run of a format declaring
 * STEAD_REPORT_FORMAT_OPTIONS.
 *
 * Returns: %FALSE with @error if it could not be written
 */
gboolean
stead_report_export_section (const SteadReportSectionInfo *info,
                             SteadWorkspace               *workspace,
                             GHashTable                   *options,
                             GOutputStream                *out,
                             GCancellable                 *cancellable,
                             GError                      **error)
{
  g_autoptr(GPtrArray) sections = g_ptr_array_new_with_free_func (g_object_unref);
  SteadReportOptions report = { 0 };

  g_return_val_if_fail (info != NULL, FALSE);

  if (!stead_report_options_parse (&report, options, error))
    return FALSE;
  g_ptr_array_add (sections, stead_report_section_new (info));
  return stead_report_write_with_options (workspace, sections, STEAD_REPORT_FLAGS_SECTIONS_ONLY,
                                          &report, out, cancellable, error);
}

/**
 * stead_report_write:
 * @workspace: what to report on
 * @sections: (element-type SteadReportSection): the sections, in order
 * @out: where to write the PDF
 * @cancellable: (nullable): a #GCancellable
 * @error: a #GError
 *
 * Writes the partnership report, with title and contents pages; see
 * stead_report_write_full().
 *
 * Returns: %FALSE with @error if it could not be written
 */
gboolean
stead_report_write (SteadWorkspace  *workspace,
                    GPtrArray       *sections,
                    GOutputStream   *out,
                    GCancellable    *cancellable,
                    GError         **error)
{
  return stead_report_write_full (workspace, sections, STEAD_REPORT_FLAGS_NONE, out, cancellable,
                                  error);
}

/**
 * stead_report_write_file:
 * @workspace: what to report on
 * @sections: (element-type SteadReportSection): the sections, in order
 * @file: the PDF to write
 * @cancellable: (nullable): a #GCancellable
 * @error: a #GError
 *
 * Writes the partnership report beside @file and renames it over @file
 * once it is whole (see #SteadOutput); on an error or Cancel @file is as
 * it was. @file may not be the workspace or one of its journal files.
 *
 * Returns: %TRUE if @file holds the whole report
 */
gboolean
stead_report_write_file (SteadWorkspace  *workspace,
                         GPtrArray       *sections,
                         GFile           *file,
                         GCancellable    *cancellable,
                         GError         **error)
{
  return stead_report_write_file_with_options (workspace, sections, NULL, file, cancellable,
                                               error);
}

/**
 * stead_report_write_file_with_options:
 * @workspace: what to report on
 * @sections: (element-type SteadReportSection): the sections, in order
 * @options: (nullable): the marking and version to print on every page
 * @file: the PDF to write
 * @cancellable: (nullable): a #GCancellable
 * @error: a #GError
 *
 * Writes the partnership report into @file as stead_report_write_file()
 * does, issued with @options.
 *
 * Returns: %TRUE if @file holds the whole report
 */
gboolean
stead_report_write_file_with_options (SteadWorkspace           *workspace,
                                      GPtrArray                *sections,
                                      const SteadReportOptions *options,
                                      GFile                    *file,
                                      GCancellable             *cancellable,
                                      GError                  **error)
{
  return stead_report_write_file_as (workspace, sections, STEAD_REPORT_FORMAT_PDF, options, file,
                                     cancellable, error);
}

/**
 * stead_report_write_file_as:
 * @workspace: what to report on
 * @sections: (element-type SteadReportSection): the sections, in order
 * @format: PDF or HTML
 * @options: (nullable): the marking and version to print on every page
 * @file: the file to write
 * @cancellable: (nullable): a #GCancellable
 * @error: a #GError
 *
 * Writes the partnership report into @file in @format, beside it and
 * renamed over it once whole (see #SteadOutput).
 *
 * Returns: %TRUE if @file holds the whole report
 */
gboolean
stead_report_write_file_as (SteadWorkspace           *workspace,
                            GPtrArray                *sections,
                            SteadReportFormat         format,
                            const SteadReportOptions *options,
                            GFile                    *file,
                            GCancellable             *cancellable,
                            GError                  **error)
{
  g_autoptr(SteadOutput) output = NULL;
  GOutputStream *stream;
  gboolean written;

  g_return_val_if_fail (STEAD_IS_WORKSPACE (workspace), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  /* A report holds no contact details: 0644, less the umask. */
  output = stead_output_new (file, STEAD_OUTPUT_FLAGS_NONE);
  stead_output_protect_workspace (output, stead_workspace_get_path (workspace));
  stream = stead_output_open (output, error);
  if (stream == NULL)
    return FALSE;
  if (format == STEAD_REPORT_FORMAT_HTML)
    written = stead_report_write_html (workspace, sections, STEAD_REPORT_FLAGS_NONE, options,
                                       stream, cancellable, error);
  else
    written = stead_report_write_with_options (workspace, sections, STEAD_REPORT_FLAGS_NONE,
                                               options, stream, cancellable, error);
  return written && stead_output_commit (output, cancellable, error);
}

static void
stead_report_collect (SteadWorkspace *workspace,
                      const char     *module_name,
                      GObject        *addin,
                      gpointer        user_data)
{
  GPtrArray *sections = user_data;
  guint before = sections->len;

  stead_workspace_addin_add_report_sections (STEAD_WORKSPACE_ADDIN (addin), sections);
  for (guint i = before; i < sections->len; )
    {
      if (STEAD_IS_REPORT_SECTION (g_ptr_array_index (sections, i)))
        i++;
      else
        {
          g_critical ("Plugin “%s” added a report section that is not a SteadReportSection",
                      module_name);
          g_ptr_array_remove_index (sections, i);
        }
    }
}

/**
 * stead_report_list_sections:
 * @workspace: a #SteadWorkspace
 *
 * Returns: (transfer container) (element-type SteadReportSection): the
 *   report sections of the enabled plugins' workspace addins, in addin
 *   order (each plugin after those it depends on)
 */
GPtrArray *
stead_report_list_sections (SteadWorkspace *workspace)
{
  GPtrArray *sections;

  g_return_val_if_fail (STEAD_IS_WORKSPACE (workspace), NULL);

  sections = g_ptr_array_new_with_free_func (g_object_unref);
  stead_workspace_foreach_addin (workspace, stead_report_collect, sections);
  return sections;
}
