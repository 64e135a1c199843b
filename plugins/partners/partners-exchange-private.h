/* partners-exchange-private.h: one organisation as read from a file, and
 * how it is written, shared by the ORUK and CSV importers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stead.h>

G_BEGIN_DECLS

/* `extra` everywhere: the JSON object of what the file says that has no
 * column (NULL if nothing), written back by the ORUK export. */
typedef struct
{
  char   *name, *role, *phone, *phone_24h, *email, *source_id;
  char   *extra;
} PartnersContact;

typedef struct
{
  char     *name, *address, *postcode, *what, *source_id;
  gboolean  has_position;
  double    lon, lat;
  gint64    capacity;   /* -1: none */
  char     *extra;
} PartnersSite;

/* A service that is not one of Stead's capabilities (an Open Referral
 * service of the organisation). */
typedef struct
{
  char   *name, *description, *status, *url, *email, *source_id;
  char   *site_source_id;   /* the location it is delivered at, or NULL */
  char   *extra;
} PartnersService;

typedef struct
{
  char   *kind, *conditions, *site_source_id;
  gint64  quantity;
  gint64  lead_time_hours;   /* -1: none */
} PartnersCapability;

typedef struct
{
  char      *source_id;
  char      *name, *type, *tier, *description, *website;
  char      *charity_number, *company_number, *areas_served;
  GString   *notes;
  char      *extra;          /* JSON: what the file holds that no field does, or NULL */
  GPtrArray *contacts;       /* PartnersContact */
  GPtrArray *sites;          /* PartnersSite */
  GPtrArray *capabilities;   /* PartnersCapability */
  GPtrArray *services;       /* PartnersService */
} PartnersRecord;

void            partners_contact_free    (PartnersContact    *c);
void            partners_site_free       (PartnersSite       *s);
void            partners_capability_free (PartnersCapability *c);
void            partners_service_free    (PartnersService    *s);
PartnersRecord *partners_record_new      (void);
void            partners_record_free     (PartnersRecord     *r);
/* What must hold before a record is written; NULL if it is fine. */
char           *partners_record_check    (SteadImportContext *context,
                                          PartnersRecord     *r);
/* Adds or updates one organisation (matched by identifier, else by name
 * and postcode) with its contacts, sites, capabilities and services. */
gboolean        partners_record_write    (SteadImportContext *context,
                                          PartnersRecord     *r,
                                          GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PartnersRecord, partners_record_free)

extern const SteadImportFormat partners_oruk_import;
extern const SteadImportFormat partners_csv_import;
extern const SteadExportFormat partners_oruk_export;
extern const SteadExportFormat partners_csv_export;
extern const SteadExportFormat partners_vcard_export;

G_END_DECLS
