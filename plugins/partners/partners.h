/* partners.h: the partner directory's records and edits, shared by the
 * plugin's two modules (data and window) and its tests
 *
 * Other plugins reach partner organisations through the workspace's
 * SteadRecordProvider for kind "organisation", never through this header:
 * libpeas loads each module with local linkage.
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

PartnersFlag  partners_agreement_flag        (const char      *review,
                                              const char      *expiry,
                                              const char      *status,
                                              GDate           *today);
const char   *partners_flag_label            (PartnersFlag     flag);
void          partners_today                 (GDate           *date);

/* The kinds of record, as SteadRecord types with a property per field. */
#define PARTNERS_TYPE_ORGANISATION (partners_organisation_get_type ())
#define PARTNERS_TYPE_CONTACT      (partners_contact_get_type ())
#define PARTNERS_TYPE_SITE         (partners_site_get_type ())
#define PARTNERS_TYPE_CAPABILITY   (partners_capability_get_type ())
#define PARTNERS_TYPE_AGREEMENT    (partners_agreement_get_type ())
#define PARTNERS_TYPE_LOG          (partners_log_get_type ())

GType partners_organisation_get_type (void);
GType partners_contact_get_type      (void);
GType partners_site_get_type         (void);
GType partners_capability_get_type   (void);
GType partners_agreement_get_type    (void);
GType partners_log_get_type          (void);

extern const SteadRecordInfo partners_organisation_info;
extern const SteadField      partners_contact_fields[];
extern const SteadField      partners_site_fields[];
extern const SteadField      partners_capability_fields[];
extern const SteadField      partners_agreement_fields[];
extern const SteadField      partners_organisation_fields[];
extern const guint           partners_n_contact_fields;
extern const guint           partners_n_site_fields;
extern const guint           partners_n_capability_fields;
extern const guint           partners_n_agreement_fields;
extern const guint           partners_n_organisation_fields;

/* Lists that follow the workspace: every organisation; the children of one
 * (?1 is the organisation's id). */
SteadQueryModel *partners_organisations_new  (SteadWorkspace  *workspace);
SteadQueryModel *partners_places_new         (SteadWorkspace  *workspace);
SteadQueryModel *partners_children_new       (SteadWorkspace  *workspace,
                                              GType            type,
                                              gint64           organisation);

char         *partners_get_organisation_name (SteadWorkspace  *workspace,
                                              gint64           id);
gint64        partners_site_organisation     (SteadWorkspace  *workspace,
                                              gint64           site);

/* Edits: each one transaction, one undo step. */
gint64        partners_organisation_add      (SteadWorkspace  *workspace,
                                              const char      *name,
                                              const char      *type,
                                              const char      *tier,
                                              GError         **error);
gboolean      partners_organisation_set      (SteadWorkspace  *workspace,
                                              gint64           id,
                                              const char      *field,
                                              const char      *value,
                                              GError         **error);
gboolean      partners_organisation_delete   (SteadWorkspace  *workspace,
                                              gint64           id,
                                              GError         **error);
gint64        partners_contact_add           (SteadWorkspace  *workspace,
                                              gint64           organisation,
                                              const char      *name,
                                              const char      *role,
                                              const char      *phone,
                                              const char      *phone_24h,
                                              const char      *email,
                                              GError         **error);
gboolean      partners_contact_update        (SteadWorkspace  *workspace,
                                              gint64           id,
                                              const char      *name,
                                              const char      *role,
                                              const char      *phone,
                                              const char      *phone_24h,
                                              const char      *email,
                                              GError         **error);
gboolean      partners_contact_delete        (SteadWorkspace  *workspace,
                                              gint64           id,
                                              GError         **error);
gint64        partners_site_add              (SteadWorkspace  *workspace,
                                              gint64           organisation,
                                              const char      *name,
                                              const char      *what,
                                              const char      *address,
                                              const char      *postcode,
                                              gint64           capacity,
                                              const double    *lon_lat,
                                              GError         **error);
gboolean      partners_site_update           (SteadWorkspace  *workspace,
                                              gint64           fid,
                                              const char      *name,
                                              const char      *what,
                                              const char      *address,
                                              const char      *postcode,
                                              gint64           capacity,
                                              const double    *lon_lat,
                                              GError         **error);
gboolean      partners_site_delete           (SteadWorkspace  *workspace,
                                              gint64           fid,
                                              GError         **error);
gint64        partners_capability_add        (SteadWorkspace  *workspace,
                                              gint64           organisation,
                                              gint64           site,
                                              const char      *kind,
                                              gint64           quantity,
                                              const char      *conditions,
                                              gint64           lead_time_hours,
                                              GError         **error);
gboolean      partners_capability_update     (SteadWorkspace  *workspace,
                                              gint64           id,
                                              gint64           site,
                                              const char      *kind,
                                              gint64           quantity,
                                              const char      *conditions,
                                              gint64           lead_time_hours,
                                              GError         **error);
gboolean      partners_capability_delete     (SteadWorkspace  *workspace,
                                              gint64           id,
                                              GError         **error);
gint64        partners_agreement_save        (SteadWorkspace  *workspace,
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
                                              int              allows_points,
                                              const gint64    *parties,
                                              guint            n_parties,
                                              GError         **error);
gint64        partners_agreement_save_full   (SteadWorkspace  *workspace,
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
                                              int              allows_points,
                                              int              allows_tasking,
                                              const gint64    *parties,
                                              guint            n_parties,
                                              GError         **error);
gboolean      partners_agreement_delete      (SteadWorkspace  *workspace,
                                              gint64           id,
                                              GError         **error);
gint64        partners_log_add               (SteadWorkspace  *workspace,
                                              gint64           organisation,
                                              const char      *date,
                                              const char      *note,
                                              GError         **error);
gboolean      partners_log_delete            (SteadWorkspace  *workspace,
                                              gint64           id,
                                              GError         **error);

/* Who works with whom: organisations (instrumental ones, and those with
 * agreements) and how many agreements each pair shares. */
typedef struct
{
  gint64    id;
  char     *name;
  gboolean  instrumental;
  guint     degree;
  double    x, y;   /* 0..1, for the view's layout */
} PartnersNode;

typedef struct
{
  guint a, b;       /* node indices */
  guint weight;
} PartnersEdge;

void          partners_network_links         (SteadWorkspace  *workspace,
                                              GArray          *nodes,
                                              GArray          *edges);

/* Derived data, for the workspace addin's hooks. */
gboolean      partners_publish_resources     (SteadTransaction *txn,
                                              GError          **error);
gboolean      partners_index                 (SteadTransaction   *txn,
                                              const char * const *tables,
                                              GError            **error);

G_END_DECLS
