/* map-frames.c: frame times of the map with a million needs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: map-frames [--hide LAYERS] [--mbtiles FILE] [WS.gpkg]. --mbtiles
 * draws an offline base map under the overlays. LAYERS: a comma-separated
 * list of needs, resources, areas and background, left out to see what
 * each costs.
 * Without a workspace, makes the demo with
 * --scale 1000000 (stead-cli, STEAD_CLI). Opens a window with the map on
 * it, shows every need (all statuses), waits for the index, then pans and
 * zooms along a fixed path, one step per frame, and prints from the frame
 * clock the time each frame took to lay out and paint (frame_work: what
 * must stay within 16 ms), the interval between frames (the clock's
 * pace) and how many frames were missed. Needs a display (Xvfb).
 */

#include "config.h"

#include <stdio.h>
#include <time.h>

#include <glib/gstdio.h>
#include <stead-gtk.h>

#include "bench-util.h"

#define N_FRAMES 600

typedef struct
{
  SteadMapView *view;
  GArray       *work;      /* ms per frame: layout + paint */
  GArray       *interval;  /* ms between frames */
  GArray       *cpu;       /* ms of the main thread's CPU per frame */
  gint64        before;
  double        cpu_before;
  gint64        last_after;
  guint         step;
  gboolean      done;
} Run;

/* The main thread's CPU time, ms: on a machine others share, it tells
 * the frame's own work from waiting for a core. */
static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static void
on_before (GdkFrameClock *clock,
           Run           *run)
{
  run->before = g_get_monotonic_time ();
  run->cpu_before = thread_cpu_ms ();
}

static void
on_after (GdkFrameClock *clock,
          Run           *run)
{
  gint64 now = g_get_monotonic_time ();
  double work = (now - run->before) / 1000.0;
  double cpu = thread_cpu_ms () - run->cpu_before;

  if (run->step > 0 && !run->done)
    {
      g_array_append_val (run->work, work);
      g_array_append_val (run->cpu, cpu);
      if (run->last_after > 0)
        {
          double interval = (now - run->last_after) / 1000.0;
          g_array_append_val (run->interval, interval);
        }
    }
  run->last_after = now;
}

/* The path: zoom in from the whole area to street level and out again,
 * panning in a circle around the town, one step per frame. */
static gboolean
tick (GtkWidget     *widget,
      GdkFrameClock *clock,
      gpointer       user_data)
{
  Run *run = user_data;
  ShumateViewport *viewport = stead_map_view_get_viewport (run->view);
  double t = (double) run->step / N_FRAMES;
  double zoom = 10 + 7 * sin (t * G_PI);
  double angle = t * 4 * G_PI;

  shumate_viewport_set_zoom_level (viewport, zoom);
  shumate_map_center_on (stead_map_view_get_map (run->view),
                         STEAD_DEMO_CENTER_LAT + 0.02 * sin (angle),
                         STEAD_DEMO_CENTER_LON + 0.03 * cos (angle));
  if (++run->step > N_FRAMES)
    {
      run->done = TRUE;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SteadWorkspace) ws = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  const char *all[] = { "open", "assigned", "met", "closed", "cancelled", NULL };
  SteadPointLayer *needs;
  GtkWidget *window;
  GdkFrameClock *clock;
  Run run = { 0 };
  gint64 t0;

  g_autofree char *hide = NULL;
  g_autofree char *mbtiles = NULL;
  g_auto(GStrv) hidden = NULL;
  GOptionEntry entries[] = { { "hide", 0, 0, G_OPTION_ARG_STRING, &hide,
                               "Layers to leave out: needs,resources,areas,background", "LAYERS" },
                             { "mbtiles", 0, 0, G_OPTION_ARG_FILENAME, &mbtiles,
                               "An offline base map to draw under the overlays", "FILE" },
                             { NULL } };
  g_autoptr(GOptionContext) context = g_option_context_new ("[WS.gpkg]");

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("map-frames: %s\n", error->message);
      return 2;
    }
  hidden = g_strsplit (hide != NULL ? hide : "", ",", -1);
  gtk_init ();
  /* What the application does at startup: measure what users get. */
  stead_renderer_prefer_cairo_on_software_gl ();
  stead_renderer_reuse_frame_memory ();
  printf ("cairo_renderer %d bool\n", g_strcmp0 (g_getenv ("GSK_RENDERER"), "cairo") == 0);

  if (argc > 1)
    path = g_strdup (argv[1]);
  else
    {
      g_autofree char *cmd = NULL;
      int status;

      dir = g_dir_make_tmp ("stead-frames-XXXXXX", NULL);
      path = g_build_filename (dir, "million.gpkg", NULL);
      cmd = g_strdup_printf ("'%s' demo '%s' --scale 1000000", g_getenv ("STEAD_CLI"), path);
      if (!g_spawn_command_line_sync (cmd, NULL, NULL, &status, &error) || status != 0)
        {
          g_printerr ("map-frames: could not make the demo workspace\n");
          return 1;
        }
    }

  if (!(ws = stead_workspace_open (path, NULL, &error)))
    {
      g_printerr ("map-frames: %s\n", error->message);
      return 1;
    }

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  run.view = stead_map_view_new ();
  stead_map_view_set_base_map (run.view, STEAD_BASE_MAP_OFFLINE);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (run.view));
  needs = stead_map_view_get_point_layer (run.view, STEAD_POINT_LAYER_NEEDS);
  stead_point_layer_set_filter (needs, NULL, all);
  if (g_strv_contains ((const char * const *) hidden, "needs"))
    gtk_widget_set_visible (GTK_WIDGET (needs), FALSE);
  if (g_strv_contains ((const char * const *) hidden, "resources"))
    gtk_widget_set_visible (
      GTK_WIDGET (stead_map_view_get_point_layer (run.view, STEAD_POINT_LAYER_RESOURCES)), FALSE);
  if (g_strv_contains ((const char * const *) hidden, "areas"))
    gtk_widget_set_visible (GTK_WIDGET (stead_map_view_get_area_layer (run.view)), FALSE);
  if (g_strv_contains ((const char * const *) hidden, "background"))
    gtk_widget_set_visible (
      gtk_widget_get_first_child (GTK_WIDGET (stead_map_view_get_map (run.view))), FALSE);
  if (mbtiles != NULL && !stead_map_view_add_mbtiles (run.view, mbtiles, &error))
    {
      g_printerr ("map-frames: %s\n", error->message);
      return 1;
    }
  t0 = g_get_monotonic_time ();
  stead_map_view_set_workspace (run.view, ws);
  gtk_window_present (GTK_WINDOW (window));

  while (stead_point_layer_get_index (needs) == NULL)
    g_main_context_iteration (NULL, TRUE);
  printf ("needs_on_map %" G_GSIZE_FORMAT " count\n",
          stead_point_layer_get_n_points (needs));
  printf ("index_ready_after_open %.1f ms\n", (g_get_monotonic_time () - t0) / 1000.0);

  run.work = g_array_new (FALSE, FALSE, sizeof (double));
  run.interval = g_array_new (FALSE, FALSE, sizeof (double));
  run.cpu = g_array_new (FALSE, FALSE, sizeof (double));
  clock = gtk_widget_get_frame_clock (window);
  g_signal_connect (clock, "before-paint", G_CALLBACK (on_before), &run);
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after), &run);
  gtk_widget_add_tick_callback (GTK_WIDGET (run.view), tick, &run, NULL);

  while (!run.done)
    g_main_context_iteration (NULL, TRUE);

  printf ("frames %u count\n", run.work->len);
  printf ("frame_work_p50 %.2f ms\n", bench_percentile (run.work, 0.50));
  printf ("frame_work_p95 %.2f ms\n", bench_percentile (run.work, 0.95));
  printf ("frame_work_max %.2f ms\n", bench_percentile (run.work, 1.0));
  printf ("frame_cpu_p50 %.2f ms\n", bench_percentile (run.cpu, 0.50));
  printf ("frame_cpu_p95 %.2f ms\n", bench_percentile (run.cpu, 0.95));
  printf ("frame_interval_p50 %.2f ms\n", bench_percentile (run.interval, 0.50));
  printf ("frame_interval_p95 %.2f ms\n", bench_percentile (run.interval, 0.95));
  /* A frame missed: the next came half an interval or more late. */
  {
    double usual = bench_percentile (run.interval, 0.50);
    guint missed = 0;

    for (guint i = 0; i < run.interval->len; i++)
      missed += g_array_index (run.interval, double, i) >= 1.5 * usual;
    printf ("frames_missed %u count\n", missed);
  }
  printf ("# frame_work is the time a frame takes to lay out and paint (the 16 ms\n"
          "# target); frame_interval is the frame clock's pace, at least 16.7 ms at 60 Hz\n");

  gtk_window_destroy (GTK_WINDOW (window));
  stead_workspace_close (ws);
  if (dir != NULL)
    bench_remove_workspace (dir, path);
  return 0;
}
