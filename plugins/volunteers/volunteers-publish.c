/* volunteers-publish.c: requests for help as `need` rows, offers of support
 * as `resource` rows, and the donations each offer holds
 *
 * The publish hook keeps the core's rows in step with the plugin's tables
 * in the transaction of every change: a request is one need (owner
 * 'volunteers', owner_ref = its fid) at its point, of its kind, people and
 * urgency, with no title (a request's title is personal data); an offer is
 * one resource of its kind, its quantity as capacity. Goods given out
 * (volunteers_movement 'out') may never exceed what an offer holds: a
 * change that would is refused, naming the offer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "volunteers"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "volunteers.h"
#include "volunteers-private.h"

/* A request's status as a need's. */
#define VOLUNTEERS_NEED_STATUS(r)                                                 \
  "CASE " r ".status WHEN 'open' THEN 'open' WHEN 'assigned' THEN 'assigned' "   \
  "WHEN 'done' THEN 'met' ELSE 'cancelled' END"
/* An offer's status as a resource's availability. */
#define VOLUNTEERS_AVAILABILITY(o)                                                \
  "CASE " o ".status WHEN 'available' THEN 'available' "                         \
  "WHEN 'committed' THEN 'committed' ELSE 'unavailable' END"

/* A time in the GeoPackage 1.3 form (milliseconds, Z), as the core keeps
 * its needs' times, whatever form the request holds. */
#define VOLUNTEERS_GPKG_TIME(t) "coalesce (strftime ('%Y-%m-%dT%H:%M:%fZ', " t "), " t ")"

static const char *const volunteers_publish_needs[] = {
  "DELETE FROM need WHERE owner = 'volunteers' AND NOT EXISTS "
  "(SELECT 1 FROM volunteers_request r WHERE r.fid = need.owner_ref)",
  "UPDATE need SET geom = r.geom, kind = r.kind, title = NULL, people = r.people, "
  "  urgency = r.urgency, status = " VOLUNTEERS_NEED_STATUS ("r") ", "
  "  opened = " VOLUNTEERS_GPKG_TIME ("r.opened") ", closed = " VOLUNTEERS_GPKG_TIME ("r.closed")
  " "
  "FROM volunteers_request r WHERE need.owner = 'volunteers' AND need.owner_ref = r.fid "
  "AND (need.geom IS NOT r.geom OR need.kind IS NOT r.kind OR need.title IS NOT NULL "
  "  OR need.people IS NOT r.people OR need.urgency IS NOT r.urgency "
  "  OR need.status IS NOT " VOLUNTEERS_NEED_STATUS ("r") " "
  "  OR need.opened IS NOT " VOLUNTEERS_GPKG_TIME ("r.opened") " "
  "  OR need.closed IS NOT " VOLUNTEERS_GPKG_TIME ("r.closed") ")",
  "INSERT INTO need (geom, kind, title, people, urgency, status, opened, closed, owner, "
  "  owner_ref) "
  "SELECT r.geom, r.kind, NULL, r.people, r.urgency, " VOLUNTEERS_NEED_STATUS ("r") ", "
  "  " VOLUNTEERS_GPKG_TIME ("r.opened") ", " VOLUNTEERS_GPKG_TIME ("r.closed") ", "
  "  'volunteers', r.fid FROM volunteers_request r "
  "WHERE NOT EXISTS (SELECT 1 FROM need n WHERE n.owner = 'volunteers' "
  "  AND n.owner_ref = r.fid) ORDER BY r.fid",
};

static const char *const volunteers_publish_resources[] = {
  "DELETE FROM resource WHERE owner = 'volunteers' AND NOT EXISTS "
  "(SELECT 1 FROM volunteers_offer o WHERE o.fid = resource.owner_ref)",
  "UPDATE resource SET geom = o.geom, kind = o.kind, title = NULL, capacity = o.quantity, "
  "  availability = " VOLUNTEERS_AVAILABILITY ("o") " "
  "FROM volunteers_offer o WHERE resource.owner = 'volunteers' AND resource.owner_ref = o.fid "
  "AND (resource.geom IS NOT o.geom OR resource.kind IS NOT o.kind "
  "  OR resource.title IS NOT NULL OR resource.capacity IS NOT o.quantity "
  "  OR resource.availability IS NOT " VOLUNTEERS_AVAILABILITY ("o") ")",
  "INSERT INTO resource (geom, kind, title, capacity, availability, owner, owner_ref) "
  "SELECT o.geom, o.kind, NULL, o.quantity, " VOLUNTEERS_AVAILABILITY ("o") ", "
  "  'volunteers', o.fid FROM volunteers_offer o "
  "WHERE NOT EXISTS (SELECT 1 FROM resource r WHERE r.owner = 'volunteers' "
  "  AND r.owner_ref = o.fid) ORDER BY o.fid",
};

/* The first offer that has given out more than it received. */
#define VOLUNTEERS_OVERDRAWN                                                      \
  "SELECT offer FROM volunteers_movement GROUP BY offer "                        \
  "HAVING sum (CASE direction WHEN 'in' THEN quantity ELSE -quantity END) < 0 "  \
  "ORDER BY offer LIMIT 1"

static gboolean
volunteers_publish_check_donations (SteadTransaction  *txn,
                                    GError           **error)
{
  gint64 offer = 0;

  if (!stead_transaction_query_int64 (txn, VOLUNTEERS_OVERDRAWN, NULL, 0, &offer) || offer <= 0)
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               _("Offer %" G_GINT64_FORMAT " would give out more than it holds: record the "
                 "goods received first"),
               offer);
  return FALSE;
}

gboolean
volunteers_publish (SteadTransaction    *txn,
                    const char * const  *tables,
                    GError             **error)
{
  if (stead_tables_have (tables, "volunteers_movement") &&
      !volunteers_publish_check_donations (txn, error))
    return FALSE;
  if (stead_tables_have (tables, "volunteers_request"))
    for (guint i = 0; i < G_N_ELEMENTS (volunteers_publish_needs); i++)
      if (stead_transaction_run (txn, volunteers_publish_needs[i], NULL, 0, error) < 0)
        return FALSE;
  if (stead_tables_have (tables, "volunteers_offer"))
    for (guint i = 0; i < G_N_ELEMENTS (volunteers_publish_resources); i++)
      if (stead_transaction_run (txn, volunteers_publish_resources[i], NULL, 0, error) < 0)
        return FALSE;
  return TRUE;
}
