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

/* STEAD_DEFINE_REPORT_SECTION (MyReportSection, my_report_section,
 *                              N_("Things"), "my-plugin", my_draw)
 * defines a final GObject implementing SteadReportSection; declare it
 * first with G_DECLARE_FINAL_TYPE. The title is translated with the
 * plugin's domain. */
#define STEAD_DEFINE_REPORT_SECTION(TypeName, type_name, TITLE, OWNER, DRAW)                \
  struct _##TypeName { GObject parent_instance; };                                          \
  static const char *type_name##_get_title (SteadReportSection *s)                          \
  { return g_dgettext (GETTEXT_PACKAGE, TITLE); }                                           \
  static const char *type_name##_get_owner (SteadReportSection *s) { return OWNER; }        \
  static void type_name##_iface_init (SteadReportSectionInterface *iface)                   \
  {                                                                                         \
    iface->get_title = type_name##_get_title;                                               \
    iface->get_owner = type_name##_get_owner;                                               \
    iface->draw = DRAW;                                                                     \
  }                                                                                         \
  G_DEFINE_FINAL_TYPE_WITH_CODE (TypeName, type_name, G_TYPE_OBJECT,                        \
                                 G_IMPLEMENT_INTERFACE (STEAD_TYPE_REPORT_SECTION,          \
                                                        type_name##_iface_init))            \
  static void type_name##_class_init (TypeName##Class *k) {}                                \
  static void type_name##_init (TypeName *s) {}

G_END_DECLS
