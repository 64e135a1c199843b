/* stead-search-result-private.h: one hit of the workspace search, as a list item
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <stead.h>

G_BEGIN_DECLS

#define STEAD_TYPE_SEARCH_RESULT (stead_search_result_get_type ())

G_DECLARE_FINAL_TYPE (SteadSearchResult, stead_search_result, STEAD, SEARCH_RESULT, GObject)

SteadSearchResult *stead_search_result_new          (const SteadSearchHit *hit,
                                                     const char           *kind_label);
const char        *stead_search_result_get_owner    (SteadSearchResult    *self);
const char        *stead_search_result_get_kind     (SteadSearchResult    *self);
gint64             stead_search_result_get_ref      (SteadSearchResult    *self);
const char        *stead_search_result_get_title    (SteadSearchResult    *self);
const char        *stead_search_result_get_subtitle (SteadSearchResult    *self);

G_END_DECLS
