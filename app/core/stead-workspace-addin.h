/* stead-workspace-addin.h: what a plugin adds to a workspace (no GTK)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined(STEAD_INSIDE) && !defined(STEAD_COMPILATION)
# error "Only <stead.h> can be included directly."
#endif

#include <glib-object.h>
#include <libpeas/peas.h>

#include "stead-types.h"
#include "stead-version-macros.h"

G_BEGIN_DECLS

#define STEAD_TYPE_WORKSPACE_ADDIN (stead_workspace_addin_get_type ())

/* Exit statuses of a stead-cli command (ARCHITECTURE.md, "Headless"). */
#define STEAD_EXIT_BAD_INPUT 1
#define STEAD_EXIT_USAGE     2

/* A stead-cli command a plugin adds: "stead-cli NAME ARGS…". The CLI
 * knows no plugin; it runs a command no built-in one matches with the
 * loaded plugins' commands, and lists them in its --help. */
typedef struct _SteadCommand
{
  const char *name;     /* "groups-gaps" */
  const char *args;     /* "WS.gpkg [--json]", for the usage line */
  const char *summary;  /* N_("Ranked coverage gaps"), translated by the CLI */
  /* @argv[0] is the name; opens what it needs with @engine, prints,
   * returns 0, STEAD_EXIT_BAD_INPUT (one line on stderr naming the file
   * and the problem) or STEAD_EXIT_USAGE. */
  int       (*run)     (SteadPluginEngine *engine,
                        int                argc,
                        char             **argv);
  gpointer    padding[4];
} SteadCommand;

STEAD_AVAILABLE_IN_1_0
G_DECLARE_INTERFACE (SteadWorkspaceAddin, stead_workspace_addin, STEAD, WORKSPACE_ADDIN, GObject)

struct _SteadWorkspaceAddinInterface
{
  GTypeInterface parent_iface;

  /* GResource directory holding the plugin's NNN-*.sql files, or NULL. */
  const char *(*get_schema_path) (SteadWorkspaceAddin *self);
  void        (*load)            (SteadWorkspaceAddin *self,
                                  SteadWorkspace      *workspace);
  void        (*unload)          (SteadWorkspaceAddin *self,
                                  SteadWorkspace      *workspace);
  /* Adds the plugin's share of the demo area inside @txn. */
  gboolean    (*populate_demo)   (SteadWorkspaceAddin *self,
                                  SteadTransaction    *txn,
                                  guint                scale,
                                  GRand               *rng,
                                  GError             **error);
  /* The plugin's file formats (libpeas allows one extension type per
   * interface and module, so a plugin with several lists them here):
   * new SteadImporter / SteadExporter objects, transfer full. */
  void        (*add_importers)   (SteadWorkspaceAddin *self,
                                  GPtrArray           *importers);
  void        (*add_exporters)   (SteadWorkspaceAddin *self,
                                  GPtrArray           *exporters);

  /* Derived data, run inside the committing transaction of every change
   * (@tables: what it touched; NULL: everything, when rebuilding):
   * publish brings the plugin's `need` and `resource` rows up to date
   * (not run for undo and redo, whose steps hold them); index its rows
   * of the search index (stead_search_put()). FALSE with @error aborts
   * the change. */
  gboolean    (*publish)         (SteadWorkspaceAddin *self,
                                  SteadTransaction    *txn,
                                  const char * const  *tables,
                                  GError             **error);
  gboolean    (*index)           (SteadWorkspaceAddin *self,
                                  SteadTransaction    *txn,
                                  const char * const  *tables,
                                  GError             **error);
  /* Another plugin's record (of a kind a SteadRecordProvider offers) is
   * being removed in @txn: clear this plugin's references to it in the
   * same transaction, or refuse with @error saying why. */
  gboolean    (*record_removed)  (SteadWorkspaceAddin *self,
                                  SteadTransaction    *txn,
                                  const char          *kind,
                                  gint64               id,
                                  GError             **error);
  /* What removing that record would change here, in a sentence for the
   * confirmation dialog ("2 risks have it as owner…"), or NULL. */
  char       *(*describe_references) (SteadWorkspaceAddin *self,
                                      SteadWorkspace      *workspace,
                                      const char          *kind,
                                      gint64               id);
  /* The plugin's sections of a report: new SteadReportSection objects. */
  void        (*add_report_sections) (SteadWorkspaceAddin *self,
                                      GPtrArray           *sections);
  /* The plugin's stead-cli commands, ending with NULL (static data). */
  const SteadCommand * const *(*get_commands) (SteadWorkspaceAddin *self);
  /* Which target group a need the plugin published belongs to: constant
   * SQL with no parameters giving the columns need (the need's fid),
   * group_id and group_name, one row per need and group, or NULL. Run on
   * a read-only connection (stead_need_trends_compute()). */
  const char *(*get_need_groups_sql) (SteadWorkspaceAddin *self);

  gpointer    padding[6];
};

STEAD_AVAILABLE_IN_1_0
SteadWorkspace *stead_workspace_addin_get_workspace (SteadWorkspaceAddin *self);
STEAD_AVAILABLE_IN_1_0
const char *stead_workspace_addin_get_schema_path (SteadWorkspaceAddin *self);
STEAD_AVAILABLE_IN_1_0
void        stead_workspace_addin_load            (SteadWorkspaceAddin *self,
                                                   SteadWorkspace      *workspace);
STEAD_AVAILABLE_IN_1_0
void        stead_workspace_addin_unload          (SteadWorkspaceAddin *self,
                                                   SteadWorkspace      *workspace);
STEAD_AVAILABLE_IN_1_0
gboolean    stead_workspace_addin_populate_demo   (SteadWorkspaceAddin *self,
                                                   SteadTransaction    *txn,
                                                   guint                scale,
                                                   GRand               *rng,
                                                   GError             **error);

STEAD_AVAILABLE_IN_1_0
void        stead_workspace_addin_add_importers   (SteadWorkspaceAddin *self,
                                                   GPtrArray           *importers);
STEAD_AVAILABLE_IN_1_0
void        stead_workspace_addin_add_exporters   (SteadWorkspaceAddin *self,
                                                   GPtrArray           *exporters);
STEAD_AVAILABLE_IN_1_0
gboolean    stead_workspace_addin_publish         (SteadWorkspaceAddin *self,
                                                   SteadTransaction    *txn,
                                                   const char * const  *tables,
                                                   GError             **error);
STEAD_AVAILABLE_IN_1_0
gboolean    stead_workspace_addin_index           (SteadWorkspaceAddin *self,
                                                   SteadTransaction    *txn,
                                                   const char * const  *tables,
                                                   GError             **error);
STEAD_AVAILABLE_IN_1_0
gboolean    stead_workspace_addin_record_removed  (SteadWorkspaceAddin *self,
                                                   SteadTransaction    *txn,
                                                   const char          *kind,
                                                   gint64               id,
                                                   GError             **error);
STEAD_AVAILABLE_IN_1_0
char       *stead_workspace_addin_describe_references (SteadWorkspaceAddin *self,
                                                       SteadWorkspace      *workspace,
                                                       const char          *kind,
                                                       gint64               id);
STEAD_AVAILABLE_IN_1_0
void        stead_workspace_addin_add_report_sections (SteadWorkspaceAddin *self,
                                                       GPtrArray           *sections);
STEAD_AVAILABLE_IN_1_0
const SteadCommand * const *stead_workspace_addin_get_commands (SteadWorkspaceAddin *self);
/* Every loaded plugin's commands: (transfer container) (element-type SteadCommand). */
STEAD_AVAILABLE_IN_1_0
GPtrArray  *stead_plugin_engine_list_commands     (SteadPluginEngine   *engine);
STEAD_AVAILABLE_IN_1_0
const char *stead_workspace_addin_get_need_groups_sql (SteadWorkspaceAddin *self);

/* ------------------------------------------------------------------------ */
/* A workspace addin described by a table                                    */

typedef struct _SteadImportFormat      SteadImportFormat;
typedef struct _SteadExportFormat      SteadExportFormat;
typedef struct _SteadReportSectionInfo SteadReportSectionInfo;
typedef struct _SteadRecordKind        SteadRecordKind;

/* What a plugin's data module is, with no GObject of its own:
 *
 *   static const SteadWorkspaceAddinInfo my_addin = { .module = "my-plugin", … };
 *
 *   G_MODULE_EXPORT void
 *   peas_register_types (PeasObjectModule *module)
 *   {
 *     stead_workspace_addin_register (module, &my_addin);
 *   }
 *
 * Every member but .module may be NULL. The hooks are those of
 * SteadWorkspaceAddinInterface without the addin. */
typedef struct
{
  const char *module;                  /* the plugin's module name: owner of its data */
  const char *schema_path;             /* GResource folder of its NNN-*.sql migrations */
  const SteadRecordKind *record_kinds; /* what it offers others (SteadRecordProvider) */
  guint                                  n_record_kinds;
  const SteadImportFormat * const       *importers;      /* ending with NULL */
  const SteadExportFormat * const       *exporters;
  const SteadReportSectionInfo * const  *report_sections;

  void     (*load)                (SteadWorkspace      *workspace);
  void     (*unload)              (SteadWorkspace      *workspace);
  gboolean (*populate_demo)       (SteadTransaction    *txn,
                                   guint                scale,
                                   GRand               *rng,
                                   GError             **error);
  gboolean (*publish)             (SteadTransaction    *txn,
                                   const char * const  *tables,
                                   GError             **error);
  /* After the record kinds' index_sql. */
  gboolean (*index)               (SteadTransaction    *txn,
                                   const char * const  *tables,
                                   GError             **error);
  gboolean (*record_removed)      (SteadTransaction    *txn,
                                   const char          *kind,
                                   gint64               id,
                                   GError             **error);
  char    *(*describe_references) (SteadWorkspace      *workspace,
                                   const char          *kind,
                                   gint64               id);
  const SteadCommand * const            *commands;       /* stead-cli's, ending with NULL */
  /* get_need_groups_sql: SELECT … AS need, … AS group_id, … AS group_name */
  const char                            *need_groups_sql;

  gpointer padding[6];
} SteadWorkspaceAddinInfo;

STEAD_AVAILABLE_IN_1_0
void        stead_workspace_addin_register        (PeasObjectModule              *module,
                                                   const SteadWorkspaceAddinInfo *info);

G_END_DECLS
