/* stead-match-private.h: what tests tune in the matcher
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "stead-match.h"
#include "stead-version-macros.h"

G_BEGIN_DECLS

/* Components of the candidate graph with at least this many requests are
 * bid on by both threads together (below it, sharing gains nothing). */
#define STEAD_MATCH_SHARED_MIN 16384

STEAD_AVAILABLE_IN_ALL
void stead_matcher_set_shared_min (SteadMatcher *self,
                                   guint         n_requests);

G_END_DECLS
