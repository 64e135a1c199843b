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

/* ------------------------------------------------------------------------ */
/* Sections described by a table                                            */

#define STEAD_TYPE_INFO_SECTION (stead_info_section_get_type ())
G_DECLARE_FINAL_TYPE (SteadInfoSection, stead_info_section, STEAD, INFO_SECTION, GObject)

struct _SteadInfoSection
{
  GObject                       parent_instance;
  const SteadReportSectionInfo *info;
};

static const char *
stead_info_section_get_title (SteadReportSection *section)
{
  const SteadReportSectionInfo *info = STEAD_INFO_SECTION (section)->info;

  return g_dgettext (info->domain != NULL ? info->domain : GETTEXT_PACKAGE, info->title);
}

static const char *
stead_info_section_get_owner (SteadReportSection *section)
{
  return STEAD_INFO_SECTION (section)->info->owner;
}

static gboolean
stead_info_section_draw (SteadReportSection  *section,
                         SteadReport         *report,
                         SteadWorkspace      *workspace,
                         GCancellable        *cancellable,
                         GError             **error)
{
  return STEAD_INFO_SECTION (section)->info->draw (report, workspace, cancellable, error);
}

static void
stead_info_section_iface_init (SteadReportSectionInterface *iface)
{
  iface->get_title = stead_info_section_get_title;
  iface->get_owner = stead_info_section_get_owner;
  iface->draw = stead_info_section_draw;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (SteadInfoSection, stead_info_section, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (STEAD_TYPE_REPORT_SECTION, stead_info_section_iface_init))

static void
stead_info_section_class_init (SteadInfoSectionClass *klass)
{
}

static void
stead_info_section_init (SteadInfoSection *self)
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
  SteadInfoSection *self;

  g_return_val_if_fail (info != NULL && info->title != NULL && info->draw != NULL, NULL);

  self = g_object_new (STEAD_TYPE_INFO_SECTION, NULL);
  self->info = info;
  return STEAD_REPORT_SECTION (self);
}
