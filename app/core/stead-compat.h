/* stead-compat.h: what differs between the library versions Stead builds with
 *
 * Debian 12 has GLib 2.74, GTK 4.8 and libadwaita 1.2; newer versions work
 * too. Differences live here and nowhere else.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined(STEAD_INSIDE) && !defined(STEAD_COMPILATION)
# error "Only <stead.h> can be included directly."
#endif

#include <string.h>

#include <glib.h>

G_BEGIN_DECLS

/* stead_set_str() is GLib 2.76. */
static inline gboolean
stead_set_str (char       **str_pointer,
               const char  *new_str)
{
  char *copy;

  if (*str_pointer == new_str ||
      (*str_pointer != NULL && new_str != NULL && strcmp (*str_pointer, new_str) == 0))
    return FALSE;
  copy = g_strdup (new_str);
  g_free (*str_pointer);
  *str_pointer = copy;
  return TRUE;
}

G_END_DECLS
