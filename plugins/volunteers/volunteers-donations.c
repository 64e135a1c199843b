/* volunteers-donations.c: donated goods received and given out, and what
 * each offer holds (the publish hook refuses giving out more)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "volunteers"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "volunteers.h"

gint64
volunteers_donation_balance (SteadWorkspace *workspace,
                             gint64          offer)
{
  return stead_workspace_query_int64 (
    workspace,
    "SELECT coalesce (sum (CASE direction WHEN 'in' THEN quantity ELSE -quantity END), 0) "
    "FROM volunteers_movement WHERE offer = ?1",
    STEAD_ARGS (STEAD_INT (offer)));
}

gint64
volunteers_movement_add (SteadWorkspace  *workspace,
                         gint64           offer,
                         gint64           request,
                         gboolean         out,
                         gint64           quantity,
                         GError         **error)
{
  g_autoptr(GDateTime) utc = g_date_time_new_now_utc ();
  g_autofree char *now = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S.000Z");
  gint64 id;

  if (quantity <= 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("A quantity of goods must be at least 1, not %" G_GINT64_FORMAT),
                   quantity);
      return -1;
    }
  id = stead_workspace_edit (
    workspace, VOLUNTEERS_OWNER, out ? _("Give out donated goods") : _("Receive donated goods"),
    "INSERT INTO volunteers_movement (offer, request, direction, quantity, time) "
    "VALUES (?, ?, ?, ?, ?)",
    STEAD_ARGS (STEAD_INT (offer), request > 0 ? STEAD_INT (request) : STEAD_NULL,
                STEAD_STRING (out ? "out" : "in"), STEAD_INT (quantity), STEAD_STRING (now)),
    error);
  return id > 0 ? id : -1;
}
