/* risks.h: the community risk register's records and edits, shared by the
 * plugin's two modules (data and window) and its tests
 *
 * Other plugins reach risks through the SteadRecordProvider for kind
 * "risk", never through this header.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stead.h>

G_BEGIN_DECLS

#define RISKS_OWNER "risks"

typedef struct
{
  char *code;           /* low, medium, high, very-high */
  char *label;
  char *colour;         /* #rrggbb */
  int   review_months;
} RisksBand;

RisksBand *risks_band_for             (SteadWorkspace  *workspace,
                                       int              likelihood,
                                       int              impact);
void       risks_band_free            (RisksBand       *band);
char      *risks_review_date          (SteadWorkspace  *workspace,
                                       int              likelihood,
                                       int              impact,
                                       GDate           *from);
const char *risks_trend               (int              old_likelihood,
                                       int              old_impact,
                                       int              likelihood,
                                       int              impact);

gint64     risks_risk_add             (SteadWorkspace  *workspace,
                                       const char      *reference,
                                       const char      *title,
                                       const char      *theme,
                                       int              likelihood,
                                       int              impact,
                                       gboolean         malicious,
                                       GError         **error);
/* A risk of a starter set (data/risks/nrr-2023.json). */
typedef struct
{
  const char *reference;
  const char *title;
  const char *theme;
  int         likelihood, impact;
  gboolean    malicious;
} RisksStarter;

guint      risks_add_starter          (SteadWorkspace      *workspace,
                                       const RisksStarter  *risks,
                                       guint                n,
                                       GError             **error);
gboolean   risks_risk_set             (SteadWorkspace  *workspace,
                                       gint64           id,
                                       const char      *field,
                                       const char      *value,
                                       GError         **error);
gboolean   risks_risk_rescore         (SteadWorkspace  *workspace,
                                       gint64           id,
                                       int              likelihood,
                                       int              impact,
                                       const char      *note,
                                       GError         **error);
gboolean   risks_risk_delete          (SteadWorkspace  *workspace,
                                       gint64           id,
                                       GError         **error);
gboolean   risks_impact_set           (SteadWorkspace  *workspace,
                                       gint64           risk,
                                       const char      *dimension,
                                       int              score,
                                       GError         **error);
gboolean   risks_set_scheme           (SteadWorkspace  *workspace,
                                       const char      *scheme,
                                       GError         **error);

/* Where each risk sits on the matrix, and where its last review had it. */
typedef struct
{
  gint64  id;
  char   *reference;
  int     likelihood, impact;
  int     likelihood_min, likelihood_max, impact_min, impact_max;  /* 0: no range */
  int     previous_likelihood, previous_impact;                    /* 0: never reviewed */
} RisksPlacement;

GPtrArray *risks_matrix_placements    (SteadWorkspace  *workspace);
void       risks_placement_free       (RisksPlacement  *placement);

gint64     risks_link_add             (SteadWorkspace  *workspace,
                                       gint64           risk,
                                       const char      *kind,
                                       const char      *title,
                                       const char      *ref,
                                       GError         **error);
gboolean   risks_link_delete          (SteadWorkspace  *workspace,
                                       gint64           id,
                                       GError         **error);
gint64     risks_hazard_area_add      (SteadWorkspace  *workspace,
                                       gint64           risk,
                                       const char      *name,
                                       SteadGeometry   *geometry,
                                       GError         **error);

void       risks_today                (GDate           *date);

/* The kinds of record, as SteadRecord types with a property per field. */
#define RISKS_TYPE_RISK    (risks_risk_get_type ())
#define RISKS_TYPE_REVIEW  (risks_review_get_type ())
#define RISKS_TYPE_LINK    (risks_link_get_type ())
#define RISKS_TYPE_HAZARD  (risks_hazard_get_type ())
#define RISKS_TYPE_IMPACT  (risks_impact_get_type ())

GType risks_risk_get_type   (void);
GType risks_review_get_type (void);
GType risks_link_get_type   (void);
GType risks_hazard_get_type (void);
GType risks_impact_get_type (void);

extern const SteadRecordInfo risks_risk_info;

SteadQueryModel *risks_register_new    (SteadWorkspace  *workspace);
SteadQueryModel *risks_children_new    (SteadWorkspace  *workspace,
                                        GType            type,
                                        gint64           risk);
GListModel      *risks_scale_labels_new (SteadWorkspace *workspace,
                                         const char     *axis);
GListModel      *risks_themes_new      (SteadWorkspace  *workspace);
void             risks_scale_label_array (SteadWorkspace *workspace,
                                          char          **likelihood,
                                          char          **impact);
GListModel      *risks_schemes_new     (SteadWorkspace  *workspace);
char            *risks_get_label       (SteadWorkspace  *workspace,
                                        gint64           id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RisksBand, risks_band_free)

/* A risk's statuses: draft, active, archived. */
extern const SteadChoice risks_statuses[];

G_END_DECLS
