/* groups-page.h: the Target Groups page and its views (coverage,
 * household lists)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stead-gtk.h>

G_BEGIN_DECLS

#define GROUPS_TYPE_PAGE (groups_page_get_type ())
G_DECLARE_FINAL_TYPE (GroupsPage, groups_page, GROUPS, PAGE, SteadPage)

/* The coverage view: the ranked gaps and the groups × areas table;
 * "gap-activated" (group, area) when the user opens a cell, "show-area"
 * (area) for Show on Map. */
#define GROUPS_TYPE_COVERAGE_VIEW (groups_coverage_view_get_type ())
G_DECLARE_FINAL_TYPE (GroupsCoverageView, groups_coverage_view, GROUPS, COVERAGE_VIEW, GtkWidget)

void     groups_coverage_view_set_workspace (GroupsCoverageView *self,
                                             SteadWorkspace     *workspace);
/* The coverage shown (a GroupsCoverage, or NULL while the first is computed). */
gpointer groups_coverage_view_get_coverage  (GroupsCoverageView *self);
gboolean groups_coverage_view_get_computing (GroupsCoverageView *self);
/* Shows only the gaps whose reasons hold every word of @text. */
void     groups_coverage_view_set_search    (GroupsCoverageView *self,
                                             const char         *text);

/* The household lists: retention, Purge Now, the households themselves
 * only if show-personal-data allows it, and the privacy settings. */
#define GROUPS_TYPE_HOUSEHOLDS_VIEW (groups_households_view_get_type ())
G_DECLARE_FINAL_TYPE (GroupsHouseholdsView, groups_households_view, GROUPS, HOUSEHOLDS_VIEW,
                      GtkWidget)

void groups_households_view_set_workspace (GroupsHouseholdsView *self,
                                           SteadWorkspace       *workspace);
void groups_households_view_select        (GroupsHouseholdsView *self,
                                           gint64                list);
/* "Deleted in 12 days", "Deleted today": how long a list is kept, from @today. */
char *groups_households_view_countdown    (const char           *retention,
                                           const char           *purged,
                                           GDate                *today);

G_END_DECLS
