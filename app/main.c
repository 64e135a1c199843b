/* main.c: the Stead window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stead"

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "stead-gtk.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SteadApplication) app = NULL;
  GSettingsSchemaSource *source;
  g_autoptr(GSettingsSchema) schema = NULL;

  /* bench/startup separates loading the program from starting GTK. */
  if (g_getenv ("STEAD_BENCH_STARTUP") != NULL)
    g_print ("main %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Without its settings schema GSettings would abort; say what is wrong. */
  source = g_settings_schema_source_get_default ();
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    {
      g_printerr (_("stead: the settings schema %s is not installed; run “make run” from the "
                    "source tree, or install Stead\n"), APP_ID);
      return 1;
    }

  /* Before GTK opens the display. */
  stead_renderer_skip_gl_without_gpu ();
  app = stead_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
