/* stead-report.h: a partnership report as a tagged A4 PDF, and its drawing helpers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined(STEAD_INSIDE) && !defined(STEAD_COMPILATION)
# error "Only <stead.h> can be included directly."
#endif

#include <gio/gio.h>
#include <pango/pangocairo.h>

#include "stead-chart.h"
#include "stead-report-section.h"
#include "stead-types.h"
#include "stead-version-macros.h"

G_BEGIN_DECLS

#define STEAD_TYPE_REPORT (stead_report_get_type ())

STEAD_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (SteadReport, stead_report, STEAD, REPORT, GObject)

typedef enum
{
  STEAD_REPORT_FLAGS_NONE           = 0,
  /* No title page and no contents: an export of one section. */
  STEAD_REPORT_FLAGS_SECTIONS_ONLY  = 1 << 0,
} SteadReportFlags;

/* What a report is written as. */
typedef enum
{
  STEAD_REPORT_FORMAT_PDF,
  STEAD_REPORT_FORMAT_HTML,
} SteadReportFormat;

/* Text styles for stead_report_show_text(). */
typedef enum
{
  STEAD_REPORT_FONT_BODY,
  STEAD_REPORT_FONT_BOLD,
  STEAD_REPORT_FONT_SMALL,
  STEAD_REPORT_FONT_SMALL_BOLD,
} SteadReportFont;

/* A column of stead_report_table_begin(): its translated title, and its
 * share of the table's width (the widths are weights: 1, 2, 1…). */
typedef struct
{
  const char *title;
  double      width;
} SteadReportColumn;

/* Draws a chart or matrix into the box stead_report_reserve() made room
 * for: @x, @y, @width and @height in points, on the page @cr draws on. */
typedef void (*SteadReportDrawFunc) (SteadReport *report,
                                     cairo_t     *cr,
                                     double       x,
                                     double       y,
                                     double       width,
                                     double       height,
                                     gpointer     user_data);

/* How a report is issued: printed in every page's header and footer.
 * Fill it from an export's options with stead_report_options_parse(). */
typedef struct
{
  /* The protective marking (Government Security Classifications):
   * "OFFICIAL" or "OFFICIAL-SENSITIVE"; NULL: OFFICIAL. */
  const char *marking;
  /* The document's version; NULL: the number of changes the workspace
   * has recorded, so two issues with the same version hold the same data. */
  const char *version;
  gpointer    padding[6];
} SteadReportOptions;

/* The export options a PDF format declares to offer them (--option marking=…). */
#define STEAD_REPORT_FORMAT_OPTIONS                                                        \
  { "marking", N_("Protective marking on every page: OFFICIAL or OFFICIAL-SENSITIVE") },   \
  { "version", N_("The version printed on every page (default: the change count)") }

/* The markings a report may carry, in the order offered. */
STEAD_AVAILABLE_IN_1_0
const char * const *stead_report_list_markings (void);

/* Writing a report. */
STEAD_AVAILABLE_IN_1_0
GPtrArray      *stead_report_list_sections     (SteadWorkspace            *workspace);
STEAD_AVAILABLE_IN_1_0
gboolean        stead_report_write             (SteadWorkspace            *workspace,
                                                GPtrArray                 *sections,
                                                GOutputStream             *out,
                                                GCancellable              *cancellable,
                                                GError                   **error);
/* The same into @file, written beside and renamed over: never over the
 * workspace, never half a PDF. */
STEAD_AVAILABLE_IN_1_0
gboolean        stead_report_write_file        (SteadWorkspace            *workspace,
                                                GPtrArray                 *sections,
                                                GFile                     *file,
                                                GCancellable              *cancellable,
                                                GError                   **error);
STEAD_AVAILABLE_IN_1_0
gboolean        stead_report_write_full        (SteadWorkspace            *workspace,
                                                GPtrArray                 *sections,
                                                SteadReportFlags           flags,
                                                GOutputStream             *out,
                                                GCancellable              *cancellable,
                                                GError                   **error);

STEAD_AVAILABLE_IN_1_0
gboolean        stead_report_options_parse     (SteadReportOptions        *options,
                                                GHashTable                *export_options,
                                                GError                   **error);
STEAD_AVAILABLE_IN_1_0
gboolean        stead_report_write_with_options (SteadWorkspace           *workspace,
                                                 GPtrArray                *sections,
                                                 SteadReportFlags          flags,
                                                 const SteadReportOptions *options,
                                                 GOutputStream            *out,
                                                 GCancellable             *cancellable,
                                                 GError                  **error);
STEAD_AVAILABLE_IN_1_0
gboolean        stead_report_write_file_with_options (SteadWorkspace           *workspace,
                                                      GPtrArray                *sections,
                                                      const SteadReportOptions *options,
                                                      GFile                    *file,
                                                      GCancellable             *cancellable,
                                                      GError                  **error);

/* The same report as one HTML document. */
STEAD_AVAILABLE_IN_1_0
gboolean        stead_report_write_html        (SteadWorkspace           *workspace,
                                                GPtrArray                *sections,
                                                SteadReportFlags          flags,
                                                const SteadReportOptions *options,
                                                GOutputStream            *out,
                                                GCancellable             *cancellable,
                                                GError                  **error);
/* Into @file in @format (SteadOutput: whole or not at all). */
STEAD_AVAILABLE_IN_1_0
gboolean        stead_report_write_file_as     (SteadWorkspace           *workspace,
                                                GPtrArray                *sections,
                                                SteadReportFormat         format,
                                                const SteadReportOptions *options,
                                                GFile                    *file,
                                                GCancellable             *cancellable,
                                                GError                  **error);
/* HTML for a name ending .html or .htm, else PDF. */
STEAD_AVAILABLE_IN_1_0
SteadReportFormat stead_report_format_for_file (GFile                    *file);
/* "pdf" or "html"; anything else is refused, naming it. */
STEAD_AVAILABLE_IN_1_0
gboolean        stead_report_format_parse      (const char               *name,
                                                SteadReportFormat        *format,
                                                GError                  **error);

/* A PDF export of one section alone, with the marking and version of the
 * export's options (an export format's run). */
STEAD_AVAILABLE_IN_1_0
gboolean        stead_report_export_section    (const SteadReportSectionInfo *info,
                                                SteadWorkspace            *workspace,
                                                GHashTable                *options,
                                                GOutputStream             *out,
                                                GCancellable              *cancellable,
                                                GError                   **error);

/* For a section's draw: each adds below the last, breaking pages itself. */
STEAD_AVAILABLE_IN_1_0
SteadWorkspace *stead_report_get_workspace     (SteadReport               *self);
STEAD_AVAILABLE_IN_1_0
double          stead_report_get_width         (SteadReport               *self);
STEAD_AVAILABLE_IN_1_0
void            stead_report_heading           (SteadReport               *self,
                                                int                        level,
                                                const char                *text);
STEAD_AVAILABLE_IN_1_0
void            stead_report_paragraph         (SteadReport               *self,
                                                const char                *text);
STEAD_AVAILABLE_IN_1_0
void            stead_report_key_value         (SteadReport               *self,
                                                const char                *key,
                                                const char                *value);
STEAD_AVAILABLE_IN_1_0
void            stead_report_table_begin       (SteadReport               *self,
                                                const SteadReportColumn   *columns,
                                                guint                      n_columns);
STEAD_AVAILABLE_IN_1_0
void            stead_report_table_row         (SteadReport               *self,
                                                const char * const        *cells);
/* A row whose cells in @flagged (bit 0 the first column) need attention,
 * such as an overdue review: drawn bold in dark red. */
STEAD_AVAILABLE_IN_1_0
void            stead_report_table_row_flagged (SteadReport               *self,
                                                const char * const        *cells,
                                                guint                      flagged);
STEAD_AVAILABLE_IN_1_0
void            stead_report_table_end         (SteadReport               *self);
/* A row of a legend: a swatch of @colour ("#rrggbb"), the key beside it,
 * and what it means. */
STEAD_AVAILABLE_IN_1_0
void            stead_report_legend_row        (SteadReport               *self,
                                                const char                *colour,
                                                const char                *key,
                                                const char                *value);
STEAD_AVAILABLE_IN_1_0
void            stead_report_reserve           (SteadReport               *self,
                                                double                     height,
                                                SteadReportDrawFunc        func,
                                                gpointer                   user_data);
/* A figure @width (0: the page's) × @height points drawn by @func, with
 * @alt as its caption and alternative text (an inline SVG in HTML). */
STEAD_AVAILABLE_IN_1_0
void            stead_report_figure            (SteadReport               *self,
                                                const char                *alt,
                                                double                     width,
                                                double                     height,
                                                SteadReportDrawFunc        func,
                                                gpointer                   user_data);
/* A chart as a figure, then its numbers as a table. */
STEAD_AVAILABLE_IN_1_0
void            stead_report_chart             (SteadReport               *self,
                                                SteadChart                *chart);

/* Small cairo helpers for a SteadReportDrawFunc. */
STEAD_AVAILABLE_IN_1_0
double          stead_report_show_text         (cairo_t                   *cr,
                                                const char                *text,
                                                SteadReportFont            font,
                                                double                     x,
                                                double                     y,
                                                double                     width,
                                                PangoAlignment             alignment);
STEAD_AVAILABLE_IN_1_0
void            stead_report_set_source_hex    (cairo_t                   *cr,
                                                const char                *hex);

G_END_DECLS
