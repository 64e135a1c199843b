/* risks.h: the community risk register, for the risks plugin and others
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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RisksBand, risks_band_free)

G_END_DECLS
