/* risks-exchange.c: the risk matrix and register as PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "risks"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "risks.h"
#include "risks-private.h"

/* The register's report section alone: matrix and register, without a
 * title page or contents. */
static gboolean
risks_exchange_export_pdf (SteadWorkspace            *workspace,
                           GOutputStream             *stream,
                           const SteadExportOptions  *options,
                           GCancellable              *cancellable,
                           GError                   **error)
{
  g_autoptr(GPtrArray) sections = g_ptr_array_new_with_free_func (g_object_unref);
  SteadReportOptions report = { 0 };

  if (!stead_report_options_parse (&report, options->options, error))
    return FALSE;
  g_ptr_array_add (sections, stead_report_section_new (&risks_report_section));
  return stead_report_write_with_options (workspace, sections, STEAD_REPORT_FLAGS_SECTIONS_ONLY,
                                          &report, stream, cancellable, error);
}

const SteadExportFormat risks_pdf_export = {
  .id = "risks-pdf",
  .title = N_("Risk matrix and register (PDF)"),
  .extensions = STEAD_EXTENSIONS ("pdf"),
  .options = (const SteadFormatOption[]) { STEAD_REPORT_FORMAT_OPTIONS, { NULL } },
  .run = risks_exchange_export_pdf,
  .domain = GETTEXT_PACKAGE,
};
