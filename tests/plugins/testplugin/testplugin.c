/* testplugin.c: a plugin for the test suite, written as a third party would
 *
 * The data module: a table (schema/), one kind of record other plugins
 * and the search can find, a CSV importer on the row loop, and demo rows.
 * testplugin-gtk.c adds the page and the map layer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "testplugin"

#include "config.h"

#include "testplugin.h"

static void
testplugin_load (SteadWorkspace *workspace)
{
  /* Visible to the tests, so they can check every load is undone. */
  g_object_set_data (G_OBJECT (workspace), "testplugin-loaded", GINT_TO_POINTER (TRUE));
}

static void
testplugin_unload (SteadWorkspace *workspace)
{
  g_object_set_data (G_OBJECT (workspace), "testplugin-loaded", NULL);
}

static gboolean
testplugin_populate_demo (SteadTransaction  *txn,
                          guint              scale,
                          GRand             *rng,
                          GError           **error)
{
  for (guint i = 0; i < 3; i++)
    if (stead_transaction_run (
          txn,
          "INSERT INTO testplugin_item (title, count, longitude, latitude) "
          "VALUES ('Demo item', ?, ?, 51.99)",
          STEAD_ARGS (STEAD_INT (g_rand_int_range (rng, 1, 100)), STEAD_DOUBLE (-2.16 + i * 0.01)),
          error) < 0)
      return FALSE;
  return TRUE;
}

/* One item a row: title, count, and where it is. */
static gboolean
testplugin_import_row (SteadImportRow  *row,
                       gpointer         user_data,
                       GError         **error)
{
  SteadImportContext *context = stead_import_row_get_context (row);
  const char *title = NULL;
  gint64 count = 0;
  double lon = 0, lat = 0;

  if (!stead_import_row_get_text (row, "title", &title) ||
      !stead_import_row_get_int (row, "count", &count) ||
      !stead_import_row_get_double (row, "longitude", &lon) ||
      !stead_import_row_get_double (row, "latitude", &lat))
    return TRUE;
  if (stead_transaction_run (
        stead_import_context_get_transaction (context),
        "INSERT INTO testplugin_item (title, count, longitude, latitude) VALUES (?, ?, ?, ?)",
        STEAD_ARGS (STEAD_STRING (title), STEAD_INT (count),
                    stead_import_row_peek (row, "longitude") ? STEAD_DOUBLE (lon) : STEAD_NULL,
                    stead_import_row_peek (row, "latitude") ? STEAD_DOUBLE (lat) : STEAD_NULL),
        error) < 0)
    return FALSE;
  stead_import_context_added_named (context, title);
  return TRUE;
}

static gboolean
testplugin_import (SteadImportContext  *context,
                   GError             **error)
{
  return stead_import_context_foreach_row (context, NULL, testplugin_import_row, NULL, error);
}

static const SteadImportFormat testplugin_items_csv = {
  .id = "testplugin-items",
  .title = "Test items (CSV)",
  .extensions = STEAD_EXTENSIONS ("csv"),
  .fields = testplugin_item_fields,
  .n_fields = 4,
  .run = testplugin_import,
};

static const SteadRecordKind testplugin_kinds[] = {
  { "item", "test item", "SELECT id, title FROM testplugin_item ORDER BY title",
    "SELECT title FROM testplugin_item WHERE id = ?1",
    "SELECT id FROM testplugin_item WHERE title = ?1 COLLATE NOCASE", "testplugin_item",
    STEAD_STATEMENTS ("DELETE FROM testplugin_item WHERE id = ?1"),
    "SELECT id, title, '' FROM testplugin_item" },
};

static const SteadWorkspaceAddinInfo testplugin_addin = {
  .module = TESTPLUGIN_OWNER,
  .schema_path = "/io/github/steadapp/Stead/tests/testplugin/schema",
  .record_kinds = testplugin_kinds,
  .n_record_kinds = G_N_ELEMENTS (testplugin_kinds),
  .importers = (const SteadImportFormat * const[]) { &testplugin_items_csv, NULL },
  .load = testplugin_load,
  .unload = testplugin_unload,
  .populate_demo = testplugin_populate_demo,
};

G_MODULE_EXPORT void peas_register_types (PeasObjectModule *module);

G_MODULE_EXPORT void
peas_register_types (PeasObjectModule *module)
{
  stead_workspace_addin_register (module, &testplugin_addin);
}
