/* stead-report-html.c: the HTML form of a report's blocks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stead-report"

#include "config.h"

#include <string.h>

#include "stead-report-private.h"

void
stead_report_html_text (GString    *html,
                        const char *text)
{
  g_autofree char *escaped = NULL;

  if (text == NULL)
    return;
  /* g_markup_escape_text() escapes & < > " and ': enough for text and
   * for an attribute's value in double quotes. */
  escaped = g_markup_escape_text (text, -1);
  g_string_append (html, escaped);
}

void
stead_report_html_element (GString    *html,
                           const char *element,
                           const char *attributes,
                           const char *text)
{
  g_string_append_printf (html, "<%s%s%s>", element, attributes != NULL ? " " : "",
                          attributes != NULL ? attributes : "");
  stead_report_html_text (html, text);
  g_string_append_printf (html, "</%s>\n", element);
}

/* Every id and reference of one SVG gets the figure's prefix: cairo names
 * its glyphs and clips "glyph0-1", "clip1"… in each document alike, and
 * in one page the first of two would be drawn for both. */
void
stead_report_html_svg (GString    *html,
                       const char *svg,
                       guint       figure,
                       const char *alt)
{
  static const char * const refs[] = { "id=\"", "href=\"#", "url(#" };
  g_autofree char *prefix = g_strdup_printf ("stead-figure-%u-", figure);
  const char *start = strstr (svg, "<svg");
  const char *p;

  if (start == NULL)
    return;
  g_string_append (html, "<svg role=\"img\" aria-label=\"");
  stead_report_html_text (html, alt);
  g_string_append_c (html, '"');
  p = start + strlen ("<svg");
  while (*p != '\0')
    {
      const char *next = NULL;
      guint which = 0;

      for (guint i = 0; i < G_N_ELEMENTS (refs); i++)
        {
          const char *at = strstr (p, refs[i]);

          if (at != NULL && (next == NULL || at < next))
            {
              next = at;
              which = i;
            }
        }
      if (next == NULL)
        {
          g_string_append (html, p);
          break;
        }
      next += strlen (refs[which]);
      g_string_append_len (html, p, next - p);
      g_string_append (html, prefix);
      p = next;
    }
  while (html->len > 0 && g_ascii_isspace (html->str[html->len - 1]))
    g_string_truncate (html, html->len - 1);
  g_string_append_c (html, '\n');
}

gboolean
stead_report_html_colour (const char *colour)
{
  if (colour == NULL || colour[0] != '#' || strlen (colour) != 7)
    return FALSE;
  for (guint i = 1; i < 7; i++)
    if (!g_ascii_isxdigit (colour[i]))
      return FALSE;
  return TRUE;
}

const char *
stead_report_html_style (void)
{
  return "body{font-family:sans-serif;max-width:50em;margin:0 auto;padding:1em;color:#1a1a1a;"
         "line-height:1.4}\n"
         ".marking{text-align:center;font-weight:bold;letter-spacing:.05em}\n"
         "h2{color:#0d3359;border-bottom:1px solid #ccc;margin-top:2em}\n"
         "h3,h4{color:#0d3359}\n"
         "table{border-collapse:collapse;width:100%;margin:.5em 0 1em;font-size:.9em}\n"
         "th,td{border-bottom:1px solid #ccc;padding:.25em .4em;text-align:left;"
         "vertical-align:top}\n"
         "thead th{background:#e6ebf0}\n"
         "td.flagged{color:#a60d0d;font-weight:bold}\n"
         ".swatch{display:inline-block;width:1em;height:1em;border:1px solid #666;"
         "vertical-align:middle;margin-right:.5em}\n"
         ".fact strong{display:inline-block;min-width:14em}\n"
         "figure{margin:1em 0}\n"
         "figure svg{max-width:100%;height:auto}\n"
         "figcaption{font-size:.9em;color:#333}\n"
         "footer{margin-top:3em;border-top:1px solid #ccc;font-size:.85em;color:#444}\n";
}
