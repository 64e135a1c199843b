/* test-renderer.c: choosing the renderer before GTK starts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "stead-gtk.h"

/* A GPU's device nodes, in a folder standing for /dev. */
static void
test_gpu_nodes (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dev = g_dir_make_tmp ("stead-dev-XXXXXX", &error);
  g_autofree char *dri = g_build_filename (dev, "dri", NULL);
  g_autofree char *by_path = g_build_filename (dri, "by-path", NULL);
  g_autofree char *render = g_build_filename (dri, "renderD128", NULL);
  g_autofree char *card = g_build_filename (dri, "card0", NULL);
  g_autofree char *nvidia = g_build_filename (dev, "nvidia0", NULL);
  g_autofree char *nvidiactl = g_build_filename (dev, "nvidiactl", NULL);

  g_assert_no_error (error);
  /* Nothing, an empty dri folder, or only what is not a GPU's node: none. */
  g_assert_false (stead_renderer_has_gpu_nodes (dev));
  g_assert_cmpint (g_mkdir (dri, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (by_path, 0700), ==, 0);
  g_assert_true (g_file_set_contents (nvidiactl, "", 0, NULL));
  g_assert_false (stead_renderer_has_gpu_nodes (dev));
  /* A render node; a card alone; NVIDIA's own node alone. */
  g_assert_true (g_file_set_contents (render, "", 0, NULL));
  g_assert_true (stead_renderer_has_gpu_nodes (dev));
  g_assert_cmpint (g_remove (render), ==, 0);
  g_assert_true (g_file_set_contents (card, "", 0, NULL));
  g_assert_true (stead_renderer_has_gpu_nodes (dev));
  g_assert_cmpint (g_remove (card), ==, 0);
  g_assert_false (stead_renderer_has_gpu_nodes (dev));
  g_assert_true (g_file_set_contents (nvidia, "", 0, NULL));
  g_assert_true (stead_renderer_has_gpu_nodes (dev));

  g_remove (nvidia);
  g_remove (nvidiactl);
  g_rmdir (by_path);
  g_rmdir (dri);
  g_rmdir (dev);
}

/* GSK_RENDERER set by the user always wins: nothing is changed. */
static void
test_user_renderer_wins (void)
{
  g_setenv ("GSK_RENDERER", "gl", TRUE);
  g_setenv ("GDK_DEBUG", "misc", TRUE);
  g_assert_false (stead_renderer_skip_gl_without_gpu ());
  g_assert_cmpstr (g_getenv ("GSK_RENDERER"), ==, "gl");
  g_assert_cmpstr (g_getenv ("GDK_DEBUG"), ==, "misc");
  stead_renderer_restore_environment ();
  g_assert_cmpstr (g_getenv ("GDK_DEBUG"), ==, "misc");
  g_unsetenv ("GSK_RENDERER");
  g_unsetenv ("GDK_DEBUG");
}

/* Without a GPU: cairo, GL kept from starting while the display opens
 * (the user's own GDK_DEBUG flags kept beside), then GDK_DEBUG as the
 * user had it, set or not. With one, nothing changes. */
static void
test_skip_and_restore (void)
{
  gboolean gpu = stead_renderer_has_gpu_nodes ("/dev");

  for (guint with_user_flags = 0; with_user_flags < 2; with_user_flags++)
    {
      g_unsetenv ("GSK_RENDERER");
      if (with_user_flags)
        g_setenv ("GDK_DEBUG", "misc", TRUE);
      else
        g_unsetenv ("GDK_DEBUG");

      g_assert_cmpint (stead_renderer_skip_gl_without_gpu (), ==, !gpu);
      if (gpu)
        {
          g_assert_null (g_getenv ("GSK_RENDERER"));
          g_assert_cmpstr (g_getenv ("GDK_DEBUG"), ==, with_user_flags ? "misc" : NULL);
        }
      else
        {
          g_assert_cmpstr (g_getenv ("GSK_RENDERER"), ==, "cairo");
          g_assert_cmpstr (g_getenv ("GDK_DEBUG"), ==,
                           with_user_flags ? "misc,gl-disable" : "gl-disable");
        }
      stead_renderer_restore_environment ();
      g_assert_cmpstr (g_getenv ("GDK_DEBUG"), ==, with_user_flags ? "misc" : NULL);
    }
  g_unsetenv ("GSK_RENDERER");
  g_unsetenv ("GDK_DEBUG");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/renderer/gpu-nodes", test_gpu_nodes);
  g_test_add_func ("/renderer/user-renderer-wins", test_user_renderer_wins);
  g_test_add_func ("/renderer/skip-and-restore", test_skip_and_restore);
  return g_test_run ();
}
