/* stead-format-types.h: define a plugin's import and export formats in a line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined(STEAD_INSIDE) && !defined(STEAD_COMPILATION)
# error "Only <stead.h> can be included directly."
#endif

#include "stead-exporter.h"
#include "stead-importer.h"

G_BEGIN_DECLS

/* STEAD_DEFINE_IMPORTER (MyCsvImporter, my_csv_importer, "my-csv", N_("Things (CSV)"),
 *                        STEAD_EXTENSIONS ("csv"), fields, n_fields, owner, run)
 * defines a final GObject implementing SteadImporter; declare it first
 * with G_DECLARE_FINAL_TYPE. FIELDS may be NULL (n_fields 0) for formats
 * without columns. The title is translated with the plugin's domain. */
#define STEAD_EXTENSIONS(...) { __VA_ARGS__, NULL }

#define STEAD_DEFINE_IMPORTER(TypeName, type_name, ID, TITLE, EXTENSIONS, FIELDS, N_FIELDS, OWNER, RUN) \
  struct _##TypeName { GObject parent_instance; };                                                  \
  static const char *type_name##_get_id (SteadImporter *i) { return ID; }                           \
  static const char *type_name##_get_title (SteadImporter *i) { return g_dgettext (GETTEXT_PACKAGE, TITLE); } \
  static const char *type_name##_get_owner (SteadImporter *i) { return OWNER; }                     \
  static const char * const *type_name##_get_extensions (SteadImporter *i)                          \
  { static const char * const e[] = EXTENSIONS; return e; }                                         \
  static const SteadImportField *type_name##_get_fields (SteadImporter *i, guint *n)                \
  { *n = N_FIELDS; return FIELDS; }                                                                 \
  static void type_name##_iface_init (SteadImporterInterface *iface)                                \
  {                                                                                                 \
    iface->get_id = type_name##_get_id;                                                             \
    iface->get_title = type_name##_get_title;                                                       \
    iface->get_extensions = type_name##_get_extensions;                                             \
    iface->get_fields = type_name##_get_fields;                                                     \
    iface->get_owner = type_name##_get_owner;                                                       \
    iface->run = RUN;                                                                               \
  }                                                                                                 \
  G_DEFINE_FINAL_TYPE_WITH_CODE (TypeName, type_name, G_TYPE_OBJECT,                                \
                                 G_IMPLEMENT_INTERFACE (STEAD_TYPE_IMPORTER, type_name##_iface_init)) \
  static void type_name##_class_init (TypeName##Class *k) {}                                        \
  static void type_name##_init (TypeName *s) {}

#define STEAD_DEFINE_EXPORTER(TypeName, type_name, ID, TITLE, EXTENSIONS, OWNER, RUN)               \
  struct _##TypeName { GObject parent_instance; };                                                  \
  static const char *type_name##_get_id (SteadExporter *e) { return ID; }                           \
  static const char *type_name##_get_title (SteadExporter *e) { return g_dgettext (GETTEXT_PACKAGE, TITLE); } \
  static const char *type_name##_get_owner (SteadExporter *e) { return OWNER; }                     \
  static const char * const *type_name##_get_extensions (SteadExporter *e)                          \
  { static const char * const x[] = EXTENSIONS; return x; }                                         \
  static void type_name##_iface_init (SteadExporterInterface *iface)                                \
  {                                                                                                 \
    iface->get_id = type_name##_get_id;                                                             \
    iface->get_title = type_name##_get_title;                                                       \
    iface->get_extensions = type_name##_get_extensions;                                             \
    iface->get_owner = type_name##_get_owner;                                                       \
    iface->run = RUN;                                                                               \
  }                                                                                                 \
  G_DEFINE_FINAL_TYPE_WITH_CODE (TypeName, type_name, G_TYPE_OBJECT,                                \
                                 G_IMPLEMENT_INTERFACE (STEAD_TYPE_EXPORTER, type_name##_iface_init)) \
  static void type_name##_class_init (TypeName##Class *k) {}                                        \
  static void type_name##_init (TypeName *s) {}

G_END_DECLS
