/* volunteers-sectors.c: volunteers counted by postcode sector, for the map
 *
 * A volunteer's home is personal data: below the privacy zoom the map
 * shows how many active volunteers live in each postcode sector ("GL20
 * 5"), at the mean of that sector's postcodes in the directory, never
 * where anyone lives.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "volunteers"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "volunteers.h"

/* A postcode's sector, whatever its spacing or case: the outward code,
 * a space, the first character of the inward code. */
#define VOLUNTEERS_SECTOR(c)                                                      \
  "(substr (upper (replace (" c ", ' ', '')), 1, length (replace (" c ", ' ', '')) - 3) " \
  "|| ' ' || substr (upper (replace (" c ", ' ', '')), -3, 1))"

static const SteadField volunteers_sector_fields[] = {
  { "sector", .label = N_("Postcode Sector") },
  { "volunteers", .type = STEAD_FIELD_INT, .label = N_("Volunteers") },
  { "longitude", .type = STEAD_FIELD_DOUBLE, .flags = STEAD_FIELD_INTERNAL },
  { "latitude", .type = STEAD_FIELD_DOUBLE, .flags = STEAD_FIELD_INTERNAL },
};

const SteadRecordInfo volunteers_sector_info = {
  .kind = "volunteer-sector",
  .owner = VOLUNTEERS_OWNER,
  .title_field = "sector",
  .fields = volunteers_sector_fields,
  .n_fields = G_N_ELEMENTS (volunteers_sector_fields),
};

STEAD_DEFINE_RECORD_TYPE (VolunteersSector, volunteers_sector, &volunteers_sector_info)

SteadQueryModel *
volunteers_sectors_new (SteadWorkspace *workspace)
{
  return stead_query_model_new (
    workspace, VOLUNTEERS_TYPE_SECTOR,
    "WITH s AS MATERIALIZED (SELECT " VOLUNTEERS_SECTOR ("postcode") " AS sector, "
    "  avg (lon) AS lon, avg (lat) AS lat FROM stead_postcode GROUP BY 1), "
    "v AS (SELECT " VOLUNTEERS_SECTOR ("postcode") " AS sector, count (*) AS n "
    "  FROM volunteers_volunteer WHERE status = 'active' AND postcode IS NOT NULL "
    "  AND length (replace (postcode, ' ', '')) >= 5 GROUP BY 1) "
    "SELECT row_number () OVER (ORDER BY v.sector) AS id, v.sector, v.n AS volunteers, "
    "  s.lon AS longitude, s.lat AS latitude FROM v JOIN s ON s.sector = v.sector "
    "ORDER BY v.sector",
    VOLUNTEERS_TABLES);
}
