/* volunteers-page.h: the Volunteers page and its views
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stead-gtk.h>

G_BEGIN_DECLS

#define VOLUNTEERS_TYPE_PAGE (volunteers_page_get_type ())
G_DECLARE_FINAL_TYPE (VolunteersPage, volunteers_page, VOLUNTEERS, PAGE, SteadPage)

/* volunteers-board-view.c: tasks by status, moved by drag or a card's menu. */
#define VOLUNTEERS_TYPE_BOARD_VIEW (volunteers_board_view_get_type ())
G_DECLARE_FINAL_TYPE (VolunteersBoardView, volunteers_board_view, VOLUNTEERS, BOARD_VIEW,
                      GtkWidget)

void     volunteers_board_view_set_workspace (VolunteersBoardView  *self,
                                              SteadWorkspace       *workspace);
/* Moves task @task to @status, one undo step. */
gboolean volunteers_board_view_move          (VolunteersBoardView  *self,
                                              gint64                task,
                                              const char           *status,
                                              GError              **error);

/* volunteers-intake-view.c: the reception centre's quick intake form. */
#define VOLUNTEERS_TYPE_INTAKE_VIEW (volunteers_intake_view_get_type ())
G_DECLARE_FINAL_TYPE (VolunteersIntakeView, volunteers_intake_view, VOLUNTEERS, INTAKE_VIEW,
                      GtkWidget)

void     volunteers_intake_view_set_workspace (VolunteersIntakeView *self,
                                               SteadWorkspace       *workspace);
void     volunteers_intake_view_focus         (VolunteersIntakeView *self);

/* volunteers-donations-view.c: donated goods held, received and given out. */
#define VOLUNTEERS_TYPE_DONATIONS_VIEW (volunteers_donations_view_get_type ())
G_DECLARE_FINAL_TYPE (VolunteersDonationsView, volunteers_donations_view, VOLUNTEERS,
                      DONATIONS_VIEW, GtkWidget)

void     volunteers_donations_view_set_workspace (VolunteersDonationsView *self,
                                                  SteadWorkspace          *workspace);

/* volunteers-queues-view.c: open requests and offers, with their status. */
#define VOLUNTEERS_TYPE_QUEUES_VIEW (volunteers_queues_view_get_type ())
G_DECLARE_FINAL_TYPE (VolunteersQueuesView, volunteers_queues_view, VOLUNTEERS, QUEUES_VIEW,
                      GtkWidget)

void     volunteers_queues_view_set_workspace (VolunteersQueuesView *self,
                                               SteadWorkspace       *workspace,
                                               gboolean              show_personal);

G_END_DECLS

/* volunteers-assign-dialog.c: Assign All Open Requests…, and the tasking
 * partner row (only partners whose agreement allows tasking). */
G_BEGIN_DECLS

void       volunteers_assign_dialog_present (GtkWidget      *parent,
                                             SteadWorkspace *workspace);
gboolean   volunteers_assign_check_partners (GtkWidget      *parent,
                                             SteadWorkspace *workspace);
GtkWidget *volunteers_partner_row_new       (SteadWorkspace *workspace,
                                             gint64          prefer);
gint64     volunteers_partner_row_get       (GtkWidget      *row);

G_END_DECLS
