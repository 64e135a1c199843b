/* stead-report-section.h: one plugin's part of a partnership report
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined(STEAD_INSIDE) && !defined(STEAD_COMPILATION)
# error "Only <stead.h> can be included directly."
#endif

#include <gio/gio.h>

#include "stead-types.h"
#include "stead-version-macros.h"

G_BEGIN_DECLS

typedef struct _SteadReport SteadReport;

#define STEAD_TYPE_REPORT_SECTION (stead_report_section_get_type ())

STEAD_AVAILABLE_IN_1_0
G_DECLARE_INTERFACE (SteadReportSection, stead_report_section, STEAD, REPORT_SECTION, GObject)

/* A plugin's workspace addin adds its sections in add_report_sections;
 * `stead-cli report` and File ▸ Report… draw them in addin order, each
 * from a new page below its title, with the SteadReport helpers. */
struct _SteadReportSectionInterface
{
  GTypeInterface parent_iface;

  /* The section's title, translated: its heading and its contents entry. */
  const char *(*get_title) (SteadReportSection  *self);
  /* The owning plugin's module name. */
  const char *(*get_owner) (SteadReportSection  *self);
  /* Draws the section's body; may run on a worker thread. */
  gboolean    (*draw)      (SteadReportSection  *self,
                            SteadReport         *report,
                            SteadWorkspace      *workspace,
                            GCancellable        *cancellable,
                            GError             **error);

  gpointer padding[8];
};

STEAD_AVAILABLE_IN_1_0
const char *stead_report_section_get_title (SteadReportSection  *self);
STEAD_AVAILABLE_IN_1_0
const char *stead_report_section_get_owner (SteadReportSection  *self);
STEAD_AVAILABLE_IN_1_0
gboolean    stead_report_section_draw      (SteadReportSection  *self,
                                            SteadReport         *report,
                                            SteadWorkspace      *workspace,
                                            GCancellable        *cancellable,
                                            GError             **error);

/* A section described by a table, as formats are:
 *
 *   static const SteadReportSectionInfo my_section = {
 *     .title = N_("Things"), .owner = "my-plugin", .draw = my_draw, .domain = GETTEXT_PACKAGE,
 *   };
 *   g_ptr_array_add (sections, stead_report_section_new (&my_section));
 */
typedef gboolean (*SteadReportSectionFunc) (SteadReport     *report,
                                            SteadWorkspace  *workspace,
                                            GCancellable    *cancellable,
                                            GError         **error);

typedef struct _SteadReportSectionInfo
{
  const char             *title;    /* N_() */
  const char             *owner;
  SteadReportSectionFunc  draw;
  const char             *domain;   /* gettext domain of the title (NULL: Stead's) */
  gpointer                padding[4];
} SteadReportSectionInfo;

STEAD_AVAILABLE_IN_1_0
SteadReportSection *stead_report_section_new (const SteadReportSectionInfo *info);

G_END_DECLS
