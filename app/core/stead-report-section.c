/* stead-report-section.c: one plugin's part of a partnership report */

#define G_LOG_DOMAIN "stead-report"

#include "config.h"

#include "stead-report-section.h"

G_DEFINE_INTERFACE (SteadReportSection, stead_report_section, G_TYPE_OBJECT)

static void
stead_report_section_default_init (SteadReportSectionInterface *iface)
{
}

/**
 * stead_report_section_get_title:
 * @self: a #SteadReportSection
 *
 * Returns: (nullable): the section's translated title
 */
const char *
stead_report_section_get_title (SteadReportSection *self)
{
  SteadReportSectionInterface *iface;

  g_return_val_if_fail (STEAD_IS_REPORT_SECTION (self), NULL);

  iface = STEAD_REPORT_SECTION_GET_IFACE (self);
  return iface->get_title != NULL ? iface->get_title (self) : NULL;
}

/**
 * stead_report_section_get_owner:
 * @self: a #SteadReportSection
 *
 * Returns: (nullable): the module name of the plugin that owns it
 */
const char *
stead_report_section_get_owner (SteadReportSection *self)
{
  SteadReportSectionInterface *iface;

  g_return_val_if_fail (STEAD_IS_REPORT_SECTION (self), NULL);

  iface = STEAD_REPORT_SECTION_GET_IFACE (self);
  return iface->get_owner != NULL ? iface->get_owner (self) : NULL;
}

/**
 * stead_report_section_draw:
 * @self: a #SteadReportSection
 * @report: the report being written, for its helpers
 * @workspace: what to report on
 * @cancellable: (nullable): a #GCancellable
 * @error: a #GError
 *
 * Draws the body of the section below its title.
 *
 * Returns: %FALSE with @error if the section could not be drawn
 */
gboolean
stead_report_section_draw (SteadReportSection  *self,
                           SteadReport         *report,
                           SteadWorkspace      *workspace,
                           GCancellable        *cancellable,
                           GError             **error)
{
  SteadReportSectionInterface *iface;

  g_return_val_if_fail (STEAD_IS_REPORT_SECTION (self), FALSE);
  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  iface = STEAD_REPORT_SECTION_GET_IFACE (self);
  if (iface->draw == NULL)
    return TRUE;
  return iface->draw (self, report, workspace, cancellable, error);
}
