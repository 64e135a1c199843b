/* stead-report-section-table.c: a report section described by a table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stead-report"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "stead-report-section.h"

#define STEAD_TYPE_REPORT_SECTION_TABLE (stead_report_section_table_get_type ())
G_DECLARE_FINAL_TYPE (
  SteadReportSectionTable, stead_report_section_table, STEAD, REPORT_SECTION_TABLE, GObject)

struct _SteadReportSectionTable
{
  GObject                       parent_instance;
  const SteadReportSectionInfo *info;
};

static const char *
stead_report_section_table_get_title (SteadReportSection *section)
{
  const SteadReportSectionInfo *info = STEAD_REPORT_SECTION_TABLE (section)->info;

  return g_dgettext (info->domain != NULL ? info->domain : GETTEXT_PACKAGE, info->title);
}

static const char *
stead_report_section_table_get_owner (SteadReportSection *section)
{
  return STEAD_REPORT_SECTION_TABLE (section)->info->owner;
}

static gboolean
stead_report_section_table_draw (SteadReportSection  *section,
                         SteadReport         *report,
                         SteadWorkspace      *workspace,
                         GCancellable        *cancellable,
                         GError             **error)
{
  return STEAD_REPORT_SECTION_TABLE (section)->info->draw (report, workspace, cancellable, error);
}

static void
stead_report_section_table_iface_init (SteadReportSectionInterface *iface)
{
  iface->get_title = stead_report_section_table_get_title;
  iface->get_owner = stead_report_section_table_get_owner;
  iface->draw = stead_report_section_table_draw;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (SteadReportSectionTable,
                               stead_report_section_table,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (STEAD_TYPE_REPORT_SECTION,
                                                      stead_report_section_table_iface_init))

static void
stead_report_section_table_class_init (SteadReportSectionTableClass *klass)
{
}

static void
stead_report_section_table_init (SteadReportSectionTable *self)
{
}

/**
 * stead_report_section_new:
 * @info: (not nullable): a static description of the section
 *
 * Returns: (transfer full): a section drawn by @info's draw function
 */
SteadReportSection *
stead_report_section_new (const SteadReportSectionInfo *info)
{
  SteadReportSectionTable *self;

  g_return_val_if_fail (info != NULL && info->title != NULL && info->draw != NULL, NULL);

  self = g_object_new (STEAD_TYPE_REPORT_SECTION_TABLE, NULL);
  self->info = info;
  return STEAD_REPORT_SECTION (self);
}
