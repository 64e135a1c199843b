/* stead-importer.h: one file format a plugin can import
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined(STEAD_INSIDE) && !defined(STEAD_COMPILATION)
# error "Only <stead.h> can be included directly."
#endif

#include <gio/gio.h>

#include "stead-column-map.h"
#include "stead-csv-reader.h"
#include "stead-types.h"
#include "stead-version-macros.h"

G_BEGIN_DECLS

#define STEAD_TYPE_IMPORTER (stead_importer_get_type ())
#define STEAD_IMPORT_ERROR (stead_import_error_quark ())

typedef enum
{
  STEAD_IMPORT_ERROR_FORMAT,     /* the file is not what the format expects */
  STEAD_IMPORT_ERROR_EMPTY,      /* nothing to import */
  STEAD_IMPORT_ERROR_REJECTED,   /* rows were rejected and skipping was not asked for */
  STEAD_IMPORT_ERROR_UNKNOWN,    /* no importer by that name or for that file */
  STEAD_IMPORT_ERROR_OPTION,     /* an option that does not apply */
} SteadImportError;

typedef struct _SteadImportContext SteadImportContext;

/* What the start of a file looks like, for choosing its format. */
typedef enum
{
  STEAD_IMPORT_CONTENT_TEXT,     /* none of the below: read as CSV */
  STEAD_IMPORT_CONTENT_JSON,
  STEAD_IMPORT_CONTENT_XML,
  STEAD_IMPORT_CONTENT_SQLITE,   /* a GeoPackage or other SQLite file */
  STEAD_IMPORT_CONTENT_BINARY,   /* anything else that is not text */
} SteadImportContent;

typedef struct
{
  SteadImportContent  content;
  const char         *basename;
  const guint8       *data;       /* the first bytes of the file */
  gsize               length;
  const char * const *header;     /* TEXT: the first row, as CSV (nullable) */
  const char * const *row;        /* TEXT: the second row (nullable) */
  const char         *root;       /* XML: the root element's local name ("alert") */
  const char         *json_type;  /* JSON: the top-level "type" ("FeatureCollection"), or NULL */
  const char * const *json_keys;  /* JSON: the members of the top-level object (or of an
                                   * array's first object) */
} SteadImportSample;

/* How well a sample fits: 0 not at all; the core's tabular formats score
 * 10 plus the fields a header fills; a signature that leaves no doubt
 * (an XML root, the ONSPD column names) scores 100. */
#define STEAD_IMPORT_FITS_SURELY 100

STEAD_AVAILABLE_IN_1_0
G_DECLARE_INTERFACE (SteadImporter, stead_importer, STEAD, IMPORTER, GObject)

/* Plugins register implementations with
 * peas_object_module_register_extension_type (module, STEAD_TYPE_IMPORTER, …);
 * `stead-cli formats`, `stead-cli import` and the import dialog list every
 * one the core and the loaded plugins provide.
 *
 * An importer only reads: stead_import_run() gives it a context holding
 * the one transaction of the import, counts what it reports, and decides
 * whether to commit. See docs/plugin-guide.md. */
struct _SteadImporterInterface
{
  GTypeInterface parent_iface;

  const char             *(*get_id)          (SteadImporter       *self);
  const char             *(*get_title)       (SteadImporter       *self);
  const char * const     *(*get_extensions)  (SteadImporter       *self);

  /* For tabular formats: the fields a column map fills, or NULL. */
  const SteadImportField *(*get_fields)      (SteadImporter       *self,
                                              guint               *n_fields);
  /* Reads the file and writes through the context's transaction. Called
   * on a worker thread. Rows it cannot take go to
   * stead_import_context_reject(); %FALSE with @error aborts the import. */
  gboolean                (*run)             (SteadImporter       *self,
                                              SteadImportContext  *context,
                                              GError             **error);
  /* The owning plugin's module name, for the transaction ("core" if NULL). */
  const char             *(*get_owner)       (SteadImporter       *self);
  /* The --option keys it reads, ending with { NULL }; others are refused. */
  const SteadFormatOption *(*get_options)    (SteadImporter       *self);
  /* How well @sample fits the format (see SteadImportSample); NULL: by
   * the header, for tabular formats. */
  guint                   (*detect)          (SteadImporter           *self,
                                              const SteadImportSample *sample);
  /* SteadImportFormatFlags (stead-format.h); NULL: none. */
  guint                   (*get_flags)       (SteadImporter           *self);

  gpointer                padding[4];
};

STEAD_AVAILABLE_IN_1_0
GQuark                  stead_import_error_quark      (void);

STEAD_AVAILABLE_IN_1_0
const char             *stead_importer_get_id         (SteadImporter *self);
STEAD_AVAILABLE_IN_1_0
const char             *stead_importer_get_title      (SteadImporter *self);
STEAD_AVAILABLE_IN_1_0
const char * const     *stead_importer_get_extensions (SteadImporter *self);
STEAD_AVAILABLE_IN_1_0
const SteadImportField *stead_importer_get_fields     (SteadImporter *self,
                                                       guint         *n_fields);
STEAD_AVAILABLE_IN_1_0
const char             *stead_importer_get_owner      (SteadImporter *self);
STEAD_AVAILABLE_IN_1_0
guint                   stead_importer_get_flags      (SteadImporter *self);
STEAD_AVAILABLE_IN_1_0
const SteadFormatOption *stead_importer_get_options   (SteadImporter *self);
STEAD_AVAILABLE_IN_1_0
guint                   stead_importer_detect         (SteadImporter           *self,
                                                       const SteadImportSample *sample);
STEAD_AVAILABLE_IN_1_0
gboolean                stead_importer_check_options  (SteadImporter *self,
                                                       GHashTable    *options,
                                                       GError       **error);

/* ------------------------------------------------------------------------ */
/* What a run is asked to do, and what it found.                            */

typedef struct
{
  gboolean     dry_run;        /* count and check, then roll back */
  gboolean     skip_rejected;  /* commit the good rows even if some are rejected */
  const char  *map;            /* "field=Column,…" over the automatic mapping */
  const char  *within;         /* an area code: keep only what lies inside it */
  GHashTable  *options;        /* (nullable) importer-specific key=value strings */
} SteadImportOptions;

typedef struct
{
  guint64  line;      /* 0 for formats without lines (then index is set) */
  guint64  index;     /* the record or feature number, from 1 */
  char    *reason;
  char   **row;       /* (nullable) the fields as read, for re-import */
} SteadImportReject;

/* The counts are what the run found in the file: what was added, updated
 * and removed when @committed, what would have been otherwise (a dry run,
 * a run refused for its rejects, a commit that failed). */
typedef struct
{
  gboolean    dry_run;
  gboolean    committed;
  guint64     added;
  guint64     updated;
  guint64     skipped;     /* not wanted (postcodes without a position, outside the area) */
  GPtrArray  *rejects;     /* (element-type SteadImportReject) */
  GPtrArray  *warnings;    /* (element-type utf8) e.g. the Windows-1252 fallback */
  char      **header;      /* (nullable) of the CSV read, for the rejects file */
  char       *map;         /* the mapping used, as a --map spec (tabular formats) */
  char       *importer_id;
  GPtrArray  *added_names;   /* (element-type utf8) what is (or would be) added, by name */
  GPtrArray  *updated_names; /* (element-type utf8) what is (or would be) updated */
  guint64     removed;       /* what the file removes (a CAP Cancel, an Update's old areas) */
  GPtrArray  *removed_names; /* (element-type utf8) */
  /* Records of other kinds the rows name and the import adds (or would):
   * the partners a risk register gives as owners, "partner “…”". */
  GPtrArray  *linked_names;  /* (element-type utf8) */
} SteadImportResult;

typedef void (*SteadImportProgressFunc) (double   fraction,
                                         gpointer user_data);

STEAD_AVAILABLE_IN_1_0
void                stead_import_result_free          (SteadImportResult  *result);
STEAD_AVAILABLE_IN_1_0
gboolean            stead_import_result_write_rejects (SteadImportResult  *result,
                                                       GOutputStream      *stream,
                                                       GCancellable       *cancellable,
                                                       GError            **error);
/* The rejects into @file, 0600 (whole rows: personal data), written beside
 * and renamed over; never over @workspace or @input. */
STEAD_AVAILABLE_IN_1_0
gboolean            stead_import_result_save_rejects  (SteadImportResult  *result,
                                                       GFile              *file,
                                                       SteadWorkspace     *workspace,
                                                       GFile              *input,
                                                       GCancellable       *cancellable,
                                                       GError            **error);
STEAD_AVAILABLE_IN_1_0
char               *stead_import_result_describe      (SteadImportResult  *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SteadImportResult, stead_import_result_free)

STEAD_AVAILABLE_IN_1_0
GPtrArray          *stead_import_list_importers       (SteadPluginEngine  *engine);
STEAD_AVAILABLE_IN_1_0
SteadImporter      *stead_import_find_importer        (GPtrArray          *importers,
                                                       const char         *id,
                                                       GFile              *file,
                                                       GError            **error);

STEAD_AVAILABLE_IN_1_0
GPtrArray          *stead_import_detect               (GPtrArray          *importers,
                                                       GFile              *file,
                                                       GCancellable       *cancellable,
                                                       GError            **error);
STEAD_AVAILABLE_IN_1_0
gboolean            stead_import_sample_has_column    (const SteadImportSample *sample,
                                                       const char              *name);
STEAD_AVAILABLE_IN_1_0
gboolean            stead_import_sample_has_key       (const SteadImportSample *sample,
                                                       const char              *key);
STEAD_AVAILABLE_IN_1_0
char               *stead_import_describe_candidates  (GPtrArray          *candidates);

STEAD_AVAILABLE_IN_1_0
gboolean            stead_import_run                  (SteadWorkspace          *workspace,
                                                       SteadImporter           *importer,
                                                       GFile                   *file,
                                                       const SteadImportOptions *options,
                                                       SteadImportProgressFunc  progress,
                                                       gpointer                 progress_data,
                                                       GCancellable            *cancellable,
                                                       SteadImportResult      **result,
                                                       GError                 **error);
STEAD_AVAILABLE_IN_1_0
void                stead_import_run_async            (SteadWorkspace          *workspace,
                                                       SteadImporter           *importer,
                                                       GFile                   *file,
                                                       const SteadImportOptions *options,
                                                       SteadImportProgressFunc  progress,
                                                       gpointer                 progress_data,
                                                       GCancellable            *cancellable,
                                                       GAsyncReadyCallback      callback,
                                                       gpointer                 user_data);
STEAD_AVAILABLE_IN_1_0
gboolean            stead_import_run_finish           (SteadWorkspace          *workspace,
                                                       GAsyncResult            *result,
                                                       SteadImportResult      **import_result,
                                                       GError                 **error);

STEAD_AVAILABLE_IN_1_0
char               *stead_import_get_saved_map        (SteadWorkspace          *workspace,
                                                       const char              *importer_id,
                                                       const char * const      *header);

/* ------------------------------------------------------------------------ */
/* For importers, on the worker thread.                                     */

STEAD_AVAILABLE_IN_1_0
GFile              *stead_import_context_get_file        (SteadImportContext  *context);
STEAD_AVAILABLE_IN_1_0
SteadWorkspace     *stead_import_context_get_workspace   (SteadImportContext  *context);
STEAD_AVAILABLE_IN_1_0
SteadTransaction   *stead_import_context_get_transaction (SteadImportContext  *context);
STEAD_AVAILABLE_IN_1_0
GCancellable       *stead_import_context_get_cancellable (SteadImportContext  *context);
STEAD_AVAILABLE_IN_1_0
const char         *stead_import_context_get_option      (SteadImportContext  *context,
                                                          const char          *key);
STEAD_AVAILABLE_IN_1_0
gboolean            stead_import_context_is_dry_run      (SteadImportContext  *context);

STEAD_AVAILABLE_IN_1_0
GInputStream       *stead_import_context_open            (SteadImportContext  *context,
                                                          GError             **error);
STEAD_AVAILABLE_IN_1_0
SteadCsvReader     *stead_import_context_open_csv        (SteadImportContext  *context,
                                                          SteadColumnMap     **map,
                                                          GError             **error);
STEAD_AVAILABLE_IN_1_0
void                stead_import_context_added           (SteadImportContext  *context,
                                                          guint64              n);
STEAD_AVAILABLE_IN_1_0
void                stead_import_context_updated         (SteadImportContext  *context,
                                                          guint64              n);
STEAD_AVAILABLE_IN_1_0
void                stead_import_context_skipped         (SteadImportContext  *context,
                                                          guint64              n);
STEAD_AVAILABLE_IN_1_0
void                stead_import_context_removed         (SteadImportContext  *context,
                                                          guint64              n);
STEAD_AVAILABLE_IN_1_0
void                stead_import_context_added_named     (SteadImportContext  *context,
                                                          const char          *name);
STEAD_AVAILABLE_IN_1_0
void                stead_import_context_updated_named   (SteadImportContext  *context,
                                                          const char          *name);
STEAD_AVAILABLE_IN_1_0
void                stead_import_context_removed_named   (SteadImportContext  *context,
                                                          const char          *name);
STEAD_AVAILABLE_IN_1_0
gint64              stead_import_context_find_or_add_record (SteadImportContext  *context,
                                                             const char          *kind,
                                                             const char          *title,
                                                             GError             **error);
STEAD_AVAILABLE_IN_1_0
void                stead_import_context_reject          (SteadImportContext  *context,
                                                          guint64              line,
                                                          guint64              index,
                                                          const char * const  *row,
                                                          guint                n_row,
                                                          const char          *format,
                                                          ...) G_GNUC_PRINTF (6, 7);
STEAD_AVAILABLE_IN_1_0
void                stead_import_context_warn            (SteadImportContext  *context,
                                                          const char          *format,
                                                          ...) G_GNUC_PRINTF (2, 3);
STEAD_AVAILABLE_IN_1_0
void                stead_import_context_progress        (SteadImportContext  *context,
                                                          guint64              done,
                                                          guint64              total);
STEAD_AVAILABLE_IN_1_0
gboolean            stead_import_context_check_cancelled (SteadImportContext  *context,
                                                          GError             **error);
STEAD_AVAILABLE_IN_1_0
gboolean            stead_import_context_is_within       (SteadImportContext  *context,
                                                          double               lon,
                                                          double               lat);
STEAD_AVAILABLE_IN_1_0
gboolean            stead_import_context_geocode         (SteadImportContext  *context,
                                                          const char          *postcode,
                                                          double              *lon,
                                                          double              *lat);

STEAD_AVAILABLE_IN_1_0
gint64              stead_import_context_find_own_id     (SteadImportContext  *context,
                                                          const char          *table,
                                                          const char          *lookup_sql,
                                                          const char          *id);

/* 4236 as "4,236", as messages to people write counts. */
STEAD_AVAILABLE_IN_1_0
char               *stead_format_count                   (guint64              n);

/* The columns of @header a STEAD_FORMAT_OPTION_COLUMNS value names, as
 * indexes: each name whole (any case), or a part (else the end) of exactly
 * one column's name. @label names the option in messages. */
STEAD_AVAILABLE_IN_1_0
GArray             *stead_import_find_columns            (const char * const  *header,
                                                          const char          *value,
                                                          const char          *label,
                                                          GError             **error);

STEAD_AVAILABLE_IN_1_0
char               *stead_postcode_normalize             (const char          *postcode);
STEAD_AVAILABLE_IN_1_0
gboolean            stead_workspace_lookup_postcode      (SteadWorkspace      *workspace,
                                                          const char          *postcode,
                                                          double              *lon,
                                                          double              *lat);

G_END_DECLS
