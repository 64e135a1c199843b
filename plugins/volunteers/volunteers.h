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

/* vexch: donations, exchange and publishing. */

/* The volunteer's fields (volunteers_volunteer_info's), which the CSV
 * import maps columns by and the export writes. */
#define VOLUNTEERS_N_VOLUNTEER_FIELDS 26
extern const SteadField volunteers_volunteer_fields[VOLUNTEERS_N_VOLUNTEER_FIELDS];

/* What an offer holds: goods received less goods given out. */
gint64   volunteers_donation_balance       (SteadWorkspace  *workspace,
                                            gint64           offer);
/* Goods received (@out FALSE) or given out against @request (or 0), one
 * undo step: the movement's id, or -1 with @error (giving out more than
 * the offer holds is refused). */
gint64   volunteers_movement_add           (SteadWorkspace  *workspace,
                                            gint64           offer,
                                            gint64           request,
                                            gboolean         out,
                                            gint64           quantity,
                                            GError         **error);

/* Active volunteers by postcode sector ("GL20 5"), at the mean of the
 * sector's postcodes: the map's view of the register below the privacy
 * zoom. Records of fields sector, volunteers, longitude, latitude. */
#define VOLUNTEERS_TYPE_SECTOR (volunteers_sector_get_type ())
GType            volunteers_sector_get_type (void);
SteadQueryModel *volunteers_sectors_new     (SteadWorkspace  *workspace);

G_END_DECLS
