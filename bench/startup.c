/* startup.c: cold start of `stead demo.gpkg` to its first drawn frame
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the real `stead` binary on a demo workspace with
 * STEAD_BENCH_STARTUP=1; the app prints the CLOCK_MONOTONIC time of its
 * first frame (from the frame clock's after-paint, not a sleep) and of the
 * moment the workspace is shown, then quits. Needs a display (Xvfb).
 *
 * Usage: startup [--runs N] [--renderer NAME] [WS.gpkg]
 * Prints one "name value unit" line per figure.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "bench-util.h"

static gboolean
run_once (const char  *stead,
          const char  *workspace,
          const char  *renderer,
          char       **size,
          double      *main_ms,
          double      *first_frame_ms,
          double      *loaded_ms,
          GError     **error)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  gint64 main_time = 0;
  gint64 first_frame = 0;
  gint64 loaded = 0;
  gint64 start;
  int width, height;
  char *line;

  g_subprocess_launcher_setenv (launcher, "STEAD_BENCH_STARTUP", "1", TRUE);
  if (renderer != NULL)
    g_subprocess_launcher_setenv (launcher, "GSK_RENDERER", renderer, TRUE);
  /* The empty window is made the size Stead's was. */
  if (workspace == NULL && *size != NULL)
    g_subprocess_launcher_setenv (launcher, "STEAD_BENCH_WINDOW_SIZE", *size, TRUE);

  start = g_get_monotonic_time ();
  process = g_subprocess_launcher_spawn (launcher, error, stead, workspace, NULL);
  /* (The baseline window is started with no workspace.) */
  if (process == NULL)
    return FALSE;

  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  while ((line = g_data_input_stream_read_line (lines, NULL, NULL, error)) != NULL)
    {
      gint64 t;

      if (sscanf (line, "main %" G_GINT64_FORMAT, &t) == 1)
        main_time = t;
      else if (sscanf (line, "first-frame %" G_GINT64_FORMAT, &t) == 1)
        first_frame = t;
      else if (sscanf (line, "workspace-loaded %" G_GINT64_FORMAT, &t) == 1)
        loaded = t;
      else if (workspace != NULL && sscanf (line, "window-size %d %d", &width, &height) == 2)
        {
          g_free (*size);
          *size = g_strdup_printf ("%dx%d", width, height);
        }
      g_free (line);
    }

  if (!g_subprocess_wait_check (process, NULL, error))
    return FALSE;

  if (first_frame == 0 || (loaded == 0 && workspace != NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "stead did not report its first frame and workspace (is STEAD_BENCH_STARTUP "
                   "handled?)");
      return FALSE;
    }

  *main_ms = main_time > 0 ? (main_time - start) / 1000.0 : 0;
  *first_frame_ms = (first_frame - start) / 1000.0;
  *loaded_ms = loaded > 0 ? (loaded - start) / 1000.0 : 0;
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) frames = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) loads = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) mains = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) empties = g_array_new (FALSE, FALSE, sizeof (double));
  const char *empty_window = g_getenv ("STEAD_BENCH_EMPTY_WINDOW");
  g_autofree char *tmp = NULL;
  g_autofree char *workspace = NULL;
  g_autofree char *renderer = NULL;
  g_autofree char *size = NULL;      /* Stead's window, "WxH" */
  const char *stead = g_getenv ("STEAD_BIN");
  const char *cli = g_getenv ("STEAD_CLI");
  int runs = 10;
  const GOptionEntry entries[] = {
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "How many starts (default 10)", "N" },
    { "renderer", 0, 0, G_OPTION_ARG_STRING, &renderer, "GSK_RENDERER for the app", "NAME" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("[WS.gpkg]");

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || runs < 1 || stead == NULL)
    {
      g_printerr ("startup: %s\n",
                  error ? error->message : "set STEAD_BIN (and STEAD_CLI), --runs >= 1");
      return 2;
    }

  if (argc > 1)
    workspace = g_strdup (argv[1]);
  else
    {
      g_autofree char *cmd = NULL;
      int status;

      tmp = g_dir_make_tmp ("stead-bench-XXXXXX", &error);
      g_assert_no_error (error);
      workspace = g_build_filename (tmp, "demo.gpkg", NULL);
      cmd = g_strdup_printf ("'%s' demo '%s'", cli, workspace);
      if (!g_spawn_command_line_sync (cmd, NULL, NULL, &status, &error) || status != 0)
        {
          g_printerr ("startup: could not make the demo workspace\n");
          return 1;
        }
    }

  for (int i = 0; i < runs; i++)
    {
      double main_ms;
      double frame_ms;
      double loaded_ms;

      if (!run_once (stead, workspace, renderer, &size, &main_ms, &frame_ms, &loaded_ms, &error))
        {
          g_printerr ("startup: %s\n", error->message);
          return 1;
        }
      if (i == 0)
        {
          printf ("startup_first_frame_first_run %.1f ms\n", frame_ms);
          printf ("startup_workspace_shown_first_run %.1f ms\n", loaded_ms);
        }
      g_array_append_val (mains, main_ms);
      g_array_append_val (frames, frame_ms);
      g_array_append_val (loads, loaded_ms);

      /* The empty window, straight after: the same machine, the same load. */
      if (empty_window != NULL)
        {
          if (!run_once (empty_window, NULL, renderer, &size, &main_ms, &frame_ms, &loaded_ms,
                         &error))
            {
              g_printerr ("startup: the empty window: %s\n", error->message);
              return 1;
            }
          g_array_append_val (empties, frame_ms);
        }
    }

  printf ("startup_runs %d count\n", runs);
  if (size != NULL)
    printf ("startup_window_size %s px\n", size);
  printf ("startup_exec_to_main_p50 %.1f ms\n", bench_percentile (mains, 0.5));
  printf ("startup_first_frame_p50 %.1f ms\n", bench_percentile (frames, 0.5));
  printf ("startup_first_frame_p90 %.1f ms\n", bench_percentile (frames, 0.9));
  printf ("startup_first_frame_max %.1f ms\n", bench_percentile (frames, 1.0));
  printf ("startup_workspace_shown_p50 %.1f ms\n", bench_percentile (loads, 0.5));
  if (empties->len > 0)
    {
      printf ("empty_gtk_window_first_frame_p50 %.1f ms\n", bench_percentile (empties, 0.5));
      printf ("startup_first_frame_vs_empty_window %.2f x\n",
              bench_percentile (frames, 0.5) / bench_percentile (empties, 0.5));
    }

  if (tmp != NULL)
    bench_remove_workspace (tmp, workspace);
  return 0;
}
