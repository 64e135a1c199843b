/* testplugin-model.c: the test plugin's one kind of record
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "testplugin.h"

#define ITEM_SET(column) STEAD_SET_SQL ("testplugin_item", column)

const SteadField testplugin_item_fields[] = {
  { "title", "name", NULL, TRUE, .label = "Title", .set_sql = ITEM_SET ("title") },
  { "count", "number", NULL, .type = STEAD_FIELD_INT, .min = 0, .max = 1000, .label = "Count",
    .set_sql = ITEM_SET ("count") },
  { "longitude", "lon", NULL, .type = STEAD_FIELD_DOUBLE, .label = "Longitude",
    .set_sql = ITEM_SET ("longitude") },
  { "latitude", "lat", NULL, .type = STEAD_FIELD_DOUBLE, .label = "Latitude",
    .set_sql = ITEM_SET ("latitude") },
};

const guint testplugin_n_item_fields = G_N_ELEMENTS (testplugin_item_fields);

static const SteadRecordInfo testplugin_item_info = {
  .kind = "item", .owner = TESTPLUGIN_OWNER, .edit_summary = "Edit item “%s”",
  .fields = testplugin_item_fields, .n_fields = G_N_ELEMENTS (testplugin_item_fields),
  .title_sql = "SELECT title FROM testplugin_item WHERE id = ?1",
};

STEAD_DEFINE_RECORD_TYPE (TestpluginItem, testplugin_item, &testplugin_item_info)

SteadQueryModel *
testplugin_items_new (SteadWorkspace *workspace)
{
  return stead_query_model_new (workspace, testplugin_item_get_type (),
                                "SELECT id, title, count, longitude, latitude FROM testplugin_item "
                                "ORDER BY title",
                                STEAD_STRV ("testplugin_item"));
}
