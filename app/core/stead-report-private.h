/* stead-report-private.h: the HTML form of a report's blocks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* @text with &, <, >, " and ' escaped, appended to @html. */
void        stead_report_html_text    (GString    *html,
                                       const char *text);
/* An element holding @text: "<p>text</p>"; @attributes (nullable) are written as given. */
void        stead_report_html_element (GString    *html,
                                       const char *element,
                                       const char *attributes,
                                       const char *text);
/* A cairo SVG document as an inline <svg> labelled @alt, its ids made
 * unique to figure @figure of the page. */
void        stead_report_html_svg     (GString    *html,
                                       const char *svg,
                                       guint       figure,
                                       const char *alt);
/* "#rrggbb" if @colour is one, else NULL: safe in a style attribute. */
gboolean    stead_report_html_colour  (const char *colour);
/* The document's style sheet. */
const char *stead_report_html_style   (void);

G_END_DECLS
