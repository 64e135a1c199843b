/* testvolunteers.c: a plugin offering the record kind "volunteer" with the
 * facts target groups' coverage counts (skills, radius_km, longitude,
 * latitude), from constants: no tables of its own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "testvolunteers"

#include "config.h"

#include <libpeas/peas.h>
#include <stead.h>

/* 1: transport, 2 km around (-1.995, 52.005); 2: transport, far away;
 * 3: cooking only, at the same place as 1. */
static const SteadRecordKind testvolunteers_kinds[] = {
  { .kind = "volunteer", .label = "volunteer",
    .facts_sql = "SELECT 1 AS id, 'first-aid transport' AS skills, 2.0 AS radius_km, "
                 "-1.995 AS longitude, 52.005 AS latitude "
                 "UNION ALL SELECT 2, 'transport', 100.0, 10.0, 10.0 "
                 "UNION ALL SELECT 3, 'cooking', 50.0, -1.995, 52.005" },
};

static const SteadWorkspaceAddinInfo testvolunteers_addin = {
  .module = "testvolunteers",
  .record_kinds = testvolunteers_kinds,
  .n_record_kinds = G_N_ELEMENTS (testvolunteers_kinds),
};

G_MODULE_EXPORT void
peas_register_types (PeasObjectModule *module)
{
  stead_workspace_addin_register (module, &testvolunteers_addin);
}
