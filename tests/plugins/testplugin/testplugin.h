/* testplugin.h: what the test plugin's two modules share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stead.h>

G_BEGIN_DECLS

#define TESTPLUGIN_OWNER "testplugin"

extern const SteadField testplugin_item_fields[];
extern const guint      testplugin_n_item_fields;

GType            testplugin_item_get_type (void);
SteadQueryModel *testplugin_items_new     (SteadWorkspace *workspace);

G_END_DECLS
