/* empty-window.c: the baseline for bench/startup
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GTK 4 application with one empty window of the size Stead's window
 * had in the same run (STEAD_BENCH_WINDOW_SIZE, "1440x900"; without it
 * Stead's default, 1440x900), which prints the CLOCK_MONOTONIC times of main() and of its
 * first frame (the frame clock's after-paint) as `stead` does under
 * STEAD_BENCH_STARTUP, then quits. bench/startup starts it and Stead by
 * turns, so both meet the same machine.
 */

#include <stdio.h>

#include <gtk/gtk.h>

static void
empty_window_on_after_paint (GdkFrameClock *clock,
                             GtkWindow     *window)
{
  printf ("first-frame %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  fflush (stdout);
  g_signal_handlers_disconnect_by_func (clock, empty_window_on_after_paint, window);
  gtk_window_destroy (window);
}

static void
empty_window_on_realize (GtkWidget *widget)
{
  g_signal_connect (gtk_widget_get_frame_clock (widget), "after-paint",
                    G_CALLBACK (empty_window_on_after_paint), widget);
}

static void
empty_window_activate (GtkApplication *app)
{
  GtkWidget *window = gtk_application_window_new (app);
  const char *size = g_getenv ("STEAD_BENCH_WINDOW_SIZE");
  int width = 1440, height = 900;   /* Stead's own default */

  /* bench/startup gives the size Stead's window had. */
  if (size != NULL && sscanf (size, "%dx%d", &width, &height) != 2)
    width = 1440, height = 900;
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_set_title (GTK_WINDOW (window), "Empty");
  g_signal_connect (window, "realize", G_CALLBACK (empty_window_on_realize), NULL);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GtkApplication) app = NULL;

  printf ("main %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  app = gtk_application_new ("io.github.steadapp.Stead.BenchEmpty", G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "activate", G_CALLBACK (empty_window_activate), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
