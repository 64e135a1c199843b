/* evaluation-import.c: a framework (JSON) imported into the workspace
 *
 * All or nothing: a file that does not validate is refused with the JSON
 * path of its first problem, before anything is written. The same id and
 * version again updates the framework; another version is kept beside it,
 * so that assessments of the old one still read.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "evaluation"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "evaluation-private.h"
#include "stead-json-private.h"

/* A framework file is far smaller than this. */
#define EVALUATION_IMPORT_MAX_BYTES ((gsize) 8 * 1024 * 1024)

static gboolean
evaluation_import_run (SteadImportContext  *context,
                       GError             **error)
{
  g_autoptr(GInputStream) stream = stead_import_context_open (context, error);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(EvaluationFramework) framework = NULL;
  g_autofree char *name = NULL;
  const char *data;
  gboolean added = FALSE;
  gsize length;

  if (stream == NULL)
    return FALSE;
  bytes = stead_input_stream_read_bounded (stream, EVALUATION_IMPORT_MAX_BYTES,
                                           stead_import_context_get_cancellable (context), error);
  if (bytes == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &length);
  framework = evaluation_framework_parse (data, length, error);
  if (framework == NULL)
    return FALSE;
  if (evaluation_framework_store (stead_import_context_get_transaction (context), framework,
                                  data, length, &added, error) < 0)
    return FALSE;
  /* TRANSLATORS: a framework's title and its version */
  name = g_strdup_printf (_("%s (version %s)"), framework->title, framework->version);
  if (added)
    stead_import_context_added_named (context, name);
  else
    stead_import_context_updated_named (context, name);
  return TRUE;
}

/* JSON with a scale and dimensions: nothing else is shaped so. */
static guint
evaluation_import_detect (const SteadImportSample *sample)
{
  if (sample->content != STEAD_IMPORT_CONTENT_JSON)
    return 0;
  if (stead_import_sample_has_key (sample, "dimensions") &&
      stead_import_sample_has_key (sample, "scale"))
    return STEAD_IMPORT_FITS_SURELY;
  return 0;
}

const SteadImportFormat evaluation_framework_import = {
  .id = "evaluation-framework",
  .title = N_("Evaluation framework (JSON)"),
  .extensions = STEAD_EXTENSIONS ("json"),
  .run = evaluation_import_run,
  .domain = GETTEXT_PACKAGE,
  .detect = evaluation_import_detect,
};
