/* stead-renderer.c: which GSK renderer the windows use
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Council laptops often run Stead in a virtual desktop with no GPU, where
 * OpenGL is Mesa's software rasteriser (llvmpipe). There GTK 4.8's GL
 * renderer fills every window-sized layer on the CPU, then copies the
 * frame out: measured under Xvfb, the map of a million needs takes
 * 24 ms a frame at p95 with it and 14 ms with the cairo renderer, and the
 * window's first frame 283 ms against 170 ms. So on software GL the
 * windows use the cairo renderer. GSK_RENDERER, if set, always wins.
 *
 * With no GPU at all (no DRM or NVIDIA device node), OpenGL can only be
 * software: then GL is not even started. GTK 4.8 starts it when it opens
 * an X11 display, to pick a visual, which was a third of the time to
 * the window's first frame here.
 */

#define G_LOG_DOMAIN "stead-renderer"

#include "config.h"

#include <string.h>
#ifdef __GLIBC__
# include <malloc.h>
#endif

#include <epoxy/gl.h>
#include <gtk/gtk.h>
#ifdef STEAD_HAVE_CAIRO_XLIB
# include <cairo-xlib.h>
# include <gdk/x11/gdkx.h>
#endif

#include "stead-renderer.h"

static char *stead_renderer_saved_gdk_debug;
static gboolean stead_renderer_gdk_debug_set;

/* Whether @dev (normally "/dev") has a device node a GPU driver makes:
 * a DRM card or render node, or NVIDIA's own. */
gboolean
stead_renderer_has_gpu_nodes (const char *dev)
{
  g_autofree char *dri = g_build_filename (dev, "dri", NULL);
  g_autofree char *nvidia = g_build_filename (dev, "nvidia0", NULL);
  g_autoptr(GDir) dir = g_dir_open (dri, 0, NULL);
  const char *name;

  if (g_file_test (nvidia, G_FILE_TEST_EXISTS))
    return TRUE;
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "card") || g_str_has_prefix (name, "renderD"))
      return TRUE;
  return FALSE;
}

/**
 * stead_renderer_skip_gl_without_gpu:
 *
 * Before gtk_init(): when the machine has no GPU and GSK_RENDERER is not
 * set, asks for the cairo renderer and keeps GDK from starting OpenGL at
 * all (GDK_DEBUG=gl-disable, for as long as it takes to open the display:
 * stead_renderer_restore_environment() puts GDK_DEBUG back, so programs
 * Stead starts do not inherit it).
 *
 * Returns: %TRUE if GL is skipped
 */
gboolean
stead_renderer_skip_gl_without_gpu (void)
{
  const char *debug = g_getenv ("GDK_DEBUG");

  if (g_getenv ("GSK_RENDERER") != NULL || stead_renderer_has_gpu_nodes ("/dev"))
    return FALSE;
  stead_renderer_saved_gdk_debug = g_strdup (debug);
  stead_renderer_gdk_debug_set = TRUE;
  if (debug != NULL && *debug != '\0')
    {
      g_autofree char *both = g_strconcat (debug, ",gl-disable", NULL);

      g_setenv ("GDK_DEBUG", both, TRUE);
    }
  else
    g_setenv ("GDK_DEBUG", "gl-disable", TRUE);
  g_setenv ("GSK_RENDERER", "cairo", TRUE);
  return TRUE;
}

/**
 * stead_renderer_restore_environment:
 *
 * After gtk_init(): GDK_DEBUG as it was before
 * stead_renderer_skip_gl_without_gpu().
 */
void
stead_renderer_restore_environment (void)
{
  if (!stead_renderer_gdk_debug_set)
    return;
  if (stead_renderer_saved_gdk_debug != NULL)
    g_setenv ("GDK_DEBUG", stead_renderer_saved_gdk_debug, TRUE);
  else
    g_unsetenv ("GDK_DEBUG");
  g_clear_pointer (&stead_renderer_saved_gdk_debug, g_free);
  stead_renderer_gdk_debug_set = FALSE;
}

static gboolean
stead_renderer_is_software (const char *renderer)
{
  static const char * const names[] = { "llvmpipe", "softpipe", "Software Rasterizer", "SWR",
                                       "lavapipe" };

  if (renderer == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (strstr (renderer, names[i]) != NULL)
      return TRUE;
  return FALSE;
}

#ifdef STEAD_HAVE_CAIRO_XLIB
static cairo_surface_t *stead_renderer_shm_keeper;

/* On X11 the cairo renderer ends each frame through a shared-memory image
 * the size of the window, from a pool cairo makes for it and destroys as
 * soon as it is empty: every frame then made, attached and faulted in a
 * fresh segment page by page (a fifth of a map frame in perf). A small
 * image kept for the process's life, taken from a pool big enough for a
 * screen-sized frame, keeps that pool and its pages for every frame. */
static void
stead_renderer_keep_shm_pool (void)
{
  GdkDisplay *display = gdk_display_get_default ();
  cairo_surface_t *root, *frame;
  Display *xdisplay;
  int screen;

  if (stead_renderer_shm_keeper != NULL || display == NULL || !GDK_IS_X11_DISPLAY (display))
    return;
  xdisplay = gdk_x11_display_get_xdisplay (display);
  screen = DefaultScreen (xdisplay);
  root = cairo_xlib_surface_create (xdisplay, RootWindow (xdisplay, screen),
                                    DefaultVisual (xdisplay, screen),
                                    DisplayWidth (xdisplay, screen),
                                    DisplayHeight (xdisplay, screen));
  /* The pool is sized from the first image in it (cairo makes it eight
   * times that); the keeper goes in beside it and outlives it. */
  frame = cairo_surface_create_similar_image (root, CAIRO_FORMAT_ARGB32,
                                              DisplayWidth (xdisplay, screen),
                                              DisplayHeight (xdisplay, screen));
  stead_renderer_shm_keeper = cairo_surface_create_similar_image (root, CAIRO_FORMAT_ARGB32,
                                                                  64, 64);
  cairo_surface_destroy (frame);
  cairo_surface_destroy (root);
}

/* Once the first frames are drawn: making the pool clears a screen-sized
 * image in it, a tenth of the time to the window's first frame. */
static gboolean
stead_renderer_keep_shm_pool_idle (gpointer data)
{
  stead_renderer_keep_shm_pool ();
  return G_SOURCE_REMOVE;
}
#endif

/**
 * stead_renderer_reuse_frame_memory:
 *
 * Keeps one frame's image memory for the next. The cairo renderer makes
 * window-sized images on every frame of a pan or zoom (one per layer
 * drawn with cairo); with glibc's defaults each was mapped afresh, or the
 * heap trimmed under it, so its pages came back from the system zeroed
 * one fault at a time: a third of a map frame's time. Blocks up to
 * 32 MB now come from the heap, and up to 64 MB of it stays free for the
 * next frame. On X11, cairo's shared-memory pool for the frames that
 * end on screen is kept too, from when the main loop is next idle (after
 * the first frame, not before it). Process-wide; call once at start-up,
 * after gtk_init().
 */
void
stead_renderer_reuse_frame_memory (void)
{
#ifdef __GLIBC__
  mallopt (M_MMAP_THRESHOLD, 32 * 1024 * 1024);
  mallopt (M_TRIM_THRESHOLD, 64 * 1024 * 1024);
#endif
#ifdef STEAD_HAVE_CAIRO_XLIB
  g_idle_add_full (G_PRIORITY_LOW, stead_renderer_keep_shm_pool_idle, NULL, NULL);
#endif
}

/**
 * stead_renderer_prefer_cairo_on_software_gl:
 *
 * Asks GTK for the cairo renderer when OpenGL on the default display is
 * a software rasteriser and GSK_RENDERER is not set. Call it after
 * gtk_init() and before the first window is realized.
 *
 * Returns: %TRUE if the cairo renderer was chosen
 */
gboolean
stead_renderer_prefer_cairo_on_software_gl (void)
{
  GdkDisplay *display = gdk_display_get_default ();
  g_autoptr(GdkGLContext) context = NULL;
  g_autoptr(GError) error = NULL;
  const char *renderer;
  gboolean software;

  if (display == NULL || g_getenv ("GSK_RENDERER") != NULL)
    return FALSE;

  /* The display's own context is the one GTK's GL renderer would make
   * anyway; on hardware this costs nothing extra. */
  if (!gdk_display_prepare_gl (display, &error))
    {
      g_debug ("No OpenGL (%s): GTK picks the cairo renderer itself", error->message);
      return FALSE;
    }
  context = gdk_display_create_gl_context (display, &error);
  if (context == NULL || !gdk_gl_context_realize (context, &error))
    {
      g_debug ("No OpenGL context: %s", error != NULL ? error->message : "unknown error");
      return FALSE;
    }
  gdk_gl_context_make_current (context);
  renderer = (const char *) glGetString (GL_RENDERER);
  software = stead_renderer_is_software (renderer);
  g_debug ("OpenGL renderer: %s", renderer != NULL ? renderer : "unknown");
  gdk_gl_context_clear_current ();

  if (software)
    g_setenv ("GSK_RENDERER", "cairo", TRUE);
  return software;
}
