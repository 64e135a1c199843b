/* stead-window-private.h: what the window suggests when it saves a file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "stead-window.h"

G_BEGIN_DECLS

STEAD_PRIVATE_API
char     *stead_window_suggest_file_name     (SteadWindow   *self,
                                              const char    *what,
                                              const char    *extension);
STEAD_PRIVATE_API
char     *stead_window_suggest_export_name   (SteadWindow   *self,
                                              SteadExporter *exporter);
STEAD_PRIVATE_API
guint     stead_window_suggest_export_format (SteadWindow   *self,
                                              GPtrArray     *exporters);
STEAD_PRIVATE_API
gboolean  stead_window_exporter_has_option   (SteadExporter *exporter,
                                              const char    *key);
STEAD_PRIVATE_API
AdwToast *stead_window_saved_toast_new       (SteadWindow   *self,
                                              const char    *format,
                                              GFile         *file);
STEAD_PRIVATE_API
gboolean  stead_window_write_report_marked   (SteadWindow   *self,
                                              GFile         *file,
                                              const char    *marking,
                                              GError       **error);
STEAD_PRIVATE_API
gboolean  stead_window_is_page_built         (SteadWindow   *self,
                                              const char    *id);

G_END_DECLS
