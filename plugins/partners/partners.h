/* partners.h: the partner directory, for the partners plugin and for the
 * plugins that refer to its organisations (risk owners, volunteer tasking,
 * who reaches a target group) by partners_organisation.id
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stead.h>

G_BEGIN_DECLS

#define PARTNERS_OWNER "partners"

typedef enum
{
  PARTNERS_FLAG_NONE,
  PARTNERS_FLAG_REVIEW_DUE,      /* review within PARTNERS_REVIEW_NOTICE_DAYS */
  PARTNERS_FLAG_REVIEW_OVERDUE,  /* review date passed */
  PARTNERS_FLAG_EXPIRED,         /* expiry date passed */
} PartnersFlag;

#define PARTNERS_REVIEW_NOTICE_DAYS 30

typedef struct
{
  gint64  id;
  char   *name;
} PartnersOrganisationRef;

PartnersFlag  partners_agreement_flag           (const char      *review,
                                                 const char      *expiry,
                                                 const char      *status,
                                                 GDate           *today);
const char   *partners_flag_label               (PartnersFlag     flag);

/* Organisations by name, for choosers in other plugins. */
GPtrArray    *partners_list_organisations       (SteadWorkspace  *workspace);
char         *partners_get_organisation_name    (SteadWorkspace  *workspace,
                                                 gint64           id);

/* Edits: each one transaction, one undo step. */
gint64        partners_organisation_add         (SteadWorkspace  *workspace,
                                                 const char      *name,
                                                 const char      *type,
                                                 const char      *tier,
                                                 GError         **error);
gboolean      partners_organisation_set         (SteadWorkspace  *workspace,
                                                 gint64           id,
                                                 const char      *field,
                                                 const char      *value,
                                                 GError         **error);
gboolean      partners_organisation_delete      (SteadWorkspace  *workspace,
                                                 gint64           id,
                                                 GError         **error);
gint64        partners_contact_add              (SteadWorkspace  *workspace,
                                                 gint64           organisation,
                                                 const char      *name,
                                                 const char      *role,
                                                 const char      *phone,
                                                 const char      *phone_24h,
                                                 const char      *email,
                                                 GError         **error);
gint64        partners_log_add                  (SteadWorkspace  *workspace,
                                                 gint64           organisation,
                                                 const char      *date,
                                                 const char      *note,
                                                 GError         **error);

gboolean      partners_contact_update           (SteadWorkspace  *workspace,
                                                 gint64           id,
                                                 const char      *name,
                                                 const char      *role,
                                                 const char      *phone,
                                                 const char      *phone_24h,
                                                 const char      *email,
                                                 GError         **error);
gboolean      partners_contact_delete           (SteadWorkspace  *workspace,
                                                 gint64           id,
                                                 GError         **error);
gint64        partners_site_add                 (SteadWorkspace  *workspace,
                                                 gint64           organisation,
                                                 const char      *name,
                                                 const char      *what,
                                                 const char      *address,
                                                 const char      *postcode,
                                                 gint64           capacity,
                                                 const double    *lon_lat,
                                                 GError         **error);
gboolean      partners_site_update              (SteadWorkspace  *workspace,
                                                 gint64           fid,
                                                 const char      *name,
                                                 const char      *what,
                                                 const char      *address,
                                                 const char      *postcode,
                                                 gint64           capacity,
                                                 const double    *lon_lat,
                                                 GError         **error);
gboolean      partners_site_delete              (SteadWorkspace  *workspace,
                                                 gint64           fid,
                                                 GError         **error);
gint64        partners_capability_add           (SteadWorkspace  *workspace,
                                                 gint64           organisation,
                                                 gint64           site,
                                                 const char      *kind,
                                                 gint64           quantity,
                                                 const char      *conditions,
                                                 gint64           lead_time_hours,
                                                 GError         **error);
gboolean      partners_capability_update        (SteadWorkspace  *workspace,
                                                 gint64           id,
                                                 gint64           site,
                                                 const char      *kind,
                                                 gint64           quantity,
                                                 const char      *conditions,
                                                 gint64           lead_time_hours,
                                                 GError         **error);
gboolean      partners_capability_delete        (SteadWorkspace  *workspace,
                                                 gint64           id,
                                                 GError         **error);
gint64        partners_agreement_save           (SteadWorkspace  *workspace,
                                                 gint64           id,
                                                 const char      *title,
                                                 const char      *kind,
                                                 const char      *scope,
                                                 const char      *data_fields,
                                                 const char      *signed_on,
                                                 const char      *review,
                                                 const char      *expiry,
                                                 const char      *status,
                                                 const char      *document,
                                                 const gint64    *parties,
                                                 guint            n_parties,
                                                 GError         **error);
gboolean      partners_agreement_delete         (SteadWorkspace  *workspace,
                                                 gint64           id,
                                                 GError         **error);
gboolean      partners_log_delete               (SteadWorkspace  *workspace,
                                                 gint64           id,
                                                 GError         **error);

/* Inside a transaction that changed sites or capabilities: makes the
 * `resource` rows the map shows match them. */
gboolean      partners_publish_resources        (SteadTransaction *txn,
                                                 GError          **error);
/* Rewrites the partners' rows of the search index (names, types, flags). */
gboolean      partners_reindex                  (SteadWorkspace   *workspace,
                                                 GError          **error);

void          partners_organisation_ref_free    (PartnersOrganisationRef *ref);

G_END_DECLS
