/* stead-casework-private.h: the core's vocabularies of needs and resources
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "stead-field.h"

G_BEGIN_DECLS

/* One table each, read by the records, the importers and their messages. */
extern const SteadChoice stead_casework_urgencies[];
extern const SteadChoice stead_casework_statuses[];
extern const SteadChoice stead_casework_availabilities[];

G_END_DECLS
