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
 * end on screen is kept too. Process-wide; call once at start-up, after
 * gtk_init().
 */
void
stead_renderer_reuse_frame_memory (void)
{
#ifdef __GLIBC__
  mallopt (M_MMAP_THRESHOLD, 32 * 1024 * 1024);
  mallopt (M_TRIM_THRESHOLD, 64 * 1024 * 1024);
#endif
#ifdef STEAD_HAVE_CAIRO_XLIB
  stead_renderer_keep_shm_pool ();
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
