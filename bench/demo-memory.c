/* demo-memory.c: peak memory of `stead-cli demo --scale N`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the real CLI ($STEAD_CLI) on a scratch workspace and reads the
 * child's peak resident set from the kernel (wait4's ru_maxrss, what
 * /usr/bin/time -v prints as "Maximum resident set size" and the child's
 * VmHWM). The demo is one transaction: before it stopped being an undo
 * step, the session's copy of every row made --scale 1000000 peak at
 * 456 MB. Fails if the peak is over the budget (200 MB by default).
 *
 * Usage: demo-memory [--scale N] [--budget-mb MB]
 * Prints one "name value unit" line per figure.
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "bench-util.h"

extern char **environ;

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *scale_text = NULL;
  const char *cli = g_getenv ("STEAD_CLI");
  int scale = 1000000;
  int budget_mb = 200;
  const GOptionEntry entries[] = {
    { "scale", 0, 0, G_OPTION_ARG_INT, &scale, "Households in the demo", "N" },
    { "budget-mb", 0, 0, G_OPTION_ARG_INT, &budget_mb, "Fail above this peak", "MB" },
    { NULL },
  };
  struct rusage usage;
  gint64 start, end;
  pid_t pid;
  int status;

  context = g_option_context_new (NULL);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (cli == NULL)
    {
      g_printerr ("Set STEAD_CLI to the stead-cli to measure\n");
      return 2;
    }

  dir = g_dir_make_tmp ("stead-bench-demo-XXXXXX", &error);
  if (dir == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  path = g_build_filename (dir, "demo.gpkg", NULL);
  scale_text = g_strdup_printf ("%d", scale);

  {
    char *child_argv[] = { (char *) cli, "demo", path, "--scale", scale_text, NULL };
    posix_spawn_file_actions_t actions;

    posix_spawn_file_actions_init (&actions);
    posix_spawn_file_actions_addopen (&actions, 1, "/dev/null", O_WRONLY, 0);
    start = g_get_monotonic_time ();
    status = posix_spawn (&pid, cli, &actions, NULL, child_argv, environ);
    posix_spawn_file_actions_destroy (&actions);
    if (status != 0)
      {
        g_printerr ("Could not run %s: %s\n", cli, g_strerror (status));
        bench_remove_workspace (dir, path);
        return 1;
      }
  }
  if (wait4 (pid, &status, 0, &usage) != pid)
    {
      g_printerr ("wait4: %s\n", g_strerror (errno));
      bench_remove_workspace (dir, path);
      return 1;
    }
  end = g_get_monotonic_time ();
  bench_remove_workspace (dir, path);
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    {
      g_printerr ("%s demo --scale %d failed\n", cli, scale);
      return 1;
    }

  printf ("build-type %s -\n", BENCH_BUILD_TYPE);
  printf ("demo-scale %d households\n", scale);
  printf ("demo-peak-rss %.1f MB\n", usage.ru_maxrss / 1024.0);
  printf ("demo-wall %.1f s\n", (end - start) / 1e6);
  printf ("demo-budget %d MB\n", budget_mb);

  if (usage.ru_maxrss / 1024.0 > budget_mb)
    {
      g_printerr ("The demo peaked above %d MB\n", budget_mb);
      return 1;
    }
  return 0;
}
