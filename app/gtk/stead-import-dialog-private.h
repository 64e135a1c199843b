/* stead-import-dialog-private.h: check, map and import one file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "stead.h"

G_BEGIN_DECLS

#define STEAD_TYPE_IMPORT_DIALOG (stead_import_dialog_get_type ())

STEAD_PRIVATE_API
G_DECLARE_FINAL_TYPE (SteadImportDialog, stead_import_dialog, STEAD, IMPORT_DIALOG, AdwWindow)

SteadImportDialog *stead_import_dialog_new           (GtkWindow         *parent,
                                                      SteadWorkspace    *workspace,
                                                      SteadPluginEngine *engine,
                                                      GFile             *file);
STEAD_PRIVATE_API
gboolean           stead_import_dialog_select_format (SteadImportDialog *self,
                                                      const char        *id);
STEAD_PRIVATE_API
gboolean           stead_import_dialog_set_column    (SteadImportDialog *self,
                                                      const char        *field,
                                                      const char        *column);
STEAD_PRIVATE_API
SteadImportResult *stead_import_dialog_get_result    (SteadImportDialog *self);
STEAD_PRIVATE_API
void               stead_import_dialog_import        (SteadImportDialog *self);
STEAD_PRIVATE_API
gboolean           stead_import_dialog_is_busy       (SteadImportDialog *self);
STEAD_PRIVATE_API
const char        *stead_import_dialog_get_format    (SteadImportDialog *self);
STEAD_PRIVATE_API
const char        *stead_import_dialog_get_format_note (SteadImportDialog *self);
STEAD_PRIVATE_API
GtkWidget         *stead_import_dialog_get_option_row (SteadImportDialog *self,
                                                       const char        *key);
STEAD_PRIVATE_API
char              *stead_import_dialog_get_summary   (SteadImportDialog *self);

G_END_DECLS
