/* volunteers.h: volunteers' records and edits, shared by the plugin's two
 * modules (data and window) and its tests
 *
 * Other plugins reach volunteers through the SteadRecordProvider for kind
 * "volunteer", never through this header.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stead.h>

G_BEGIN_DECLS

#define VOLUNTEERS_OWNER "volunteers"

/* Every table of the plugin, for models that follow `changed`. */
#define VOLUNTEERS_TABLES STEAD_STRV ("volunteers_")

extern const SteadChoice volunteers_travel_modes[];   /* foot, bike, car, 4x4 */
extern const SteadChoice volunteers_affiliations[];   /* partner, mutual-aid, spontaneous */
extern const SteadChoice volunteers_dbs_levels[];     /* none … enhanced-barred */
extern const SteadChoice volunteers_dbs_schemes[];    /* dbs, disclosure-scotland, accessni */
extern const SteadChoice volunteers_statuses[];       /* applicant, active, paused, left */

#define VOLUNTEERS_TYPE_VOLUNTEER (volunteers_volunteer_get_type ())
GType volunteers_volunteer_get_type (void);
extern const SteadRecordInfo volunteers_volunteer_info;

/* The register, by name. */
SteadQueryModel *volunteers_register_new   (SteadWorkspace  *workspace);

/* A volunteer by name, at a postcode of the directory (or nowhere). */
gint64   volunteers_volunteer_add          (SteadWorkspace  *workspace,
                                            const char      *name,
                                            const char      *postcode,
                                            GError         **error);
gboolean volunteers_volunteer_delete       (SteadWorkspace  *workspace,
                                            gint64           id,
                                            GError         **error);

gint64   volunteers_setting_get            (SteadWorkspace  *workspace,
                                            const char      *key);
gboolean volunteers_setting_set            (SteadWorkspace  *workspace,
                                            const char      *key,
                                            gint64           value,
                                            GError         **error);

G_END_DECLS

/* vmatch: matching open requests with volunteers (volunteers-match.c). */
typedef struct _VolunteersMatch VolunteersMatch;

VolunteersMatch *volunteers_match_new            (SteadWorkspace   *workspace,
                                                  GError          **error);
void             volunteers_match_free           (VolunteersMatch  *self);
void             volunteers_match_run            (VolunteersMatch  *self,
                                                  SteadMatchMethod  method);
/* Offers each assigned request's task, in one undo step. */
gboolean         volunteers_match_apply          (VolunteersMatch  *self,
                                                  SteadWorkspace   *workspace,
                                                  GError          **error);
guint            volunteers_match_get_n_requests (VolunteersMatch  *self);
/* The volunteer (fid) given request number @r, or 0 if it stays unmet. */
gint64           volunteers_match_get_volunteer  (VolunteersMatch  *self,
                                                  guint             r);
extern const SteadCommand volunteers_match_command;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VolunteersMatch, volunteers_match_free)
