/* risks-hazards.c: hazard areas of risks, from GeoJSON or a GeoPackage layer
 *
 * Each polygon becomes a hazard area of the risk its "risk" property (or
 * code) names, or of the one given with --option risk=REF.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "risks"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "risks.h"
#include "risks-private.h"

static gboolean
risks_hazards_write (SteadFeature  *feature,
                     gpointer       user_data,
                     GError       **error)
{
  SteadImportContext *context = stead_feature_get_context (feature);
  SteadTransaction *txn = stead_import_context_get_transaction (context);
  const char *option = stead_import_context_get_option (context, "risk");
  g_autofree char *property = option == NULL ? stead_feature_dup_property (feature, "risk") : NULL;
  g_autofree char *fallback = NULL;
  const char *reference, *name;
  guint64 index = stead_feature_get_index (feature);
  gint64 risk = 0, area;

  reference = option != NULL     ? option
              : property != NULL ? property
                                 : stead_feature_get_code (feature);
  if (reference == NULL)
    {
      stead_feature_reject (
        feature, _("feature %llu names no risk (give it a “risk” property, or choose the “Risk”)"),
        (unsigned long long) index);
      return TRUE;
    }
  if (!stead_transaction_query_int64 (txn, "SELECT id FROM risks_risk WHERE reference = ?",
                                      STEAD_ARGS (STEAD_STRING (reference)), &risk) || risk == 0)
    {
      stead_feature_reject (feature, _("feature %llu: there is no risk %s"),
                            (unsigned long long) index, reference);
      return TRUE;
    }
  name = stead_feature_get_name (feature);
  if (name == NULL)
    name = fallback =
      g_strdup_printf (_("%s hazard area %llu"), reference, (unsigned long long) index);

  area = stead_transaction_insert_area (txn, "hazard", reference, name,
                                        stead_feature_get_geometry (feature), error);
  if (area <= 0 ||
      stead_transaction_run (txn, "INSERT INTO risks_hazard (area, risk) VALUES (?, ?)",
                             STEAD_ARGS (STEAD_INT (area), STEAD_INT (risk)), error) < 0)
    return FALSE;
  stead_import_context_added_named (context, name);
  return TRUE;
}

static gboolean
risks_hazards_run (SteadImportContext  *context,
                   GError             **error)
{
  return stead_import_context_foreach_feature (context, risks_hazards_write, NULL, error);
}

#define RISKS_HAZARDS_RISK_OPTION \
  { "risk", N_("The reference of the risk every area belongs to"), N_("Risk") }

static const SteadFormatOption risks_hazards_geojson_options[] = {
  STEAD_GEOJSON_OPTIONS,
  RISKS_HAZARDS_RISK_OPTION,
  { NULL }
};

static const SteadFormatOption risks_hazards_gpkg_options[] = {
  STEAD_GPKG_OPTIONS,
  RISKS_HAZARDS_RISK_OPTION,
  { NULL }
};

const SteadImportFormat risks_hazards_geojson_import = {
  .id = "risks-hazards-geojson",
  .title = N_("Hazard areas of risks (GeoJSON)"),
  .extensions = STEAD_EXTENSIONS ("geojson", "json"),
  .options = risks_hazards_geojson_options,
  .run = risks_hazards_run,
  .detect = stead_import_detect_geojson,
  .domain = GETTEXT_PACKAGE,
};

const SteadImportFormat risks_hazards_gpkg_import = {
  .id = "risks-hazards-gpkg",
  .title = N_("Hazard areas of risks (GeoPackage layer)"),
  .extensions = STEAD_EXTENSIONS ("gpkg"),
  .options = risks_hazards_gpkg_options,
  .run = risks_hazards_run,
  .detect = stead_import_detect_gpkg,
  .domain = GETTEXT_PACKAGE,
};
