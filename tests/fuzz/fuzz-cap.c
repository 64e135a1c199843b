/* fuzz-cap.c: the CAP 1.2 alert parser
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdint.h>

#include "stead.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  SteadCapAlert alert;

  if (!stead_cap_parse ((const char *) data, size, &alert, &error))
    {
      g_assert_nonnull (error);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      return 0;
    }
  /* An accepted alert has what CAP 1.2 requires, and every mappable area
   * is a non-empty polygon in longitude and latitude. */
  g_assert_nonnull (alert.identifier);
  g_assert_nonnull (alert.sender);
  g_assert_nonnull (alert.sent);
  for (guint i = 0; i < alert.areas->len; i++)
    {
      SteadCapArea *area = g_ptr_array_index (alert.areas, i);
      SteadEnvelope env;

      g_assert_nonnull (area->severity);
      if (area->reason != NULL)
        continue;
      g_assert_cmpuint (stead_geometry_get_n_polygons (area->geometry), >, 0);
      g_assert_true (stead_geometry_get_envelope (area->geometry, &env));
      g_assert_true (env.min_x >= -180 && env.max_x <= 180 && env.min_y >= -90 && env.max_y <= 90);
    }
  stead_cap_alert_clear (&alert);
  return 0;
}
