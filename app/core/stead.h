/* stead.h: the Stead core SDK (no GTK)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#define STEAD_INSIDE
# include "stead-version-macros.h"
# include "stead-compat.h"
# include "stead-types.h"
# include "stead-value.h"
# include "stead-field.h"
# include "stead-geometry.h"
# include "stead-bulk-index.h"
# include "stead-area-summary.h"
# include "stead-plugin-engine.h"
# include "stead-point-index.h"
# include "stead-point-source.h"
# include "stead-workspace.h"
# include "stead-workspace-addin.h"
# include "stead-demo.h"
# include "stead-exporter.h"
# include "stead-importer.h"
# include "stead-format.h"
# include "stead-import-row.h"
# include "stead-mbtiles.h"
# include "stead-match.h"
# include "stead-need-trends.h"
# include "stead-output.h"
# include "stead-check.h"
# include "stead-csv-reader.h"
# include "stead-csv-writer.h"
# include "stead-column-map.h"
# include "stead-proj.h"
# include "stead-casework.h"
# include "stead-position.h"
# include "stead-place.h"
# include "stead-place-search.h"
# include "stead-geo-formats.h"
# include "stead-record.h"
# include "stead-query-model.h"
# include "stead-record-provider.h"
# include "stead-chart.h"
# include "stead-report-section.h"
# include "stead-report.h"
# include "stead-search.h"
# include "stead-vocabulary.h"
#undef STEAD_INSIDE
