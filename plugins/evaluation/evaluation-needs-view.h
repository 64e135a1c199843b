/* evaluation-needs-view.h: need over time in the Evaluation page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stead-gtk.h>

G_BEGIN_DECLS

#define EVALUATION_TYPE_NEEDS_VIEW (evaluation_needs_view_get_type ())

G_DECLARE_FINAL_TYPE (EvaluationNeedsView, evaluation_needs_view, EVALUATION, NEEDS_VIEW,
                      GtkWidget)

void     evaluation_needs_view_set_workspace (EvaluationNeedsView *self,
                                              SteadWorkspace      *workspace);

/* evaluation-needs-map.c: the window's layer of the view's areas. */
void     evaluation_needs_map_load           (SteadWindowAddin    *addin,
                                              SteadWindow         *window);
gboolean evaluation_needs_map_set            (GtkWidget           *widget,
                                              const SteadNeedTrends *trends,
                                              const char          *period);
gboolean evaluation_needs_map_show           (GtkWidget           *widget);

G_END_DECLS
