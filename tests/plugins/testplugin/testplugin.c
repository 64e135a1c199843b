/* testplugin.c: a plugin for the test suite
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Exercises every extension point the way a third-party plugin would: a
 * workspace addin with a schema, a window addin with a page, and a format.
 */

#define G_LOG_DOMAIN "testplugin"

#include "config.h"

#include <libpeas/peas.h>
#ifdef TESTPLUGIN_NO_GTK
# include <stead.h>
#else
# include <stead-gtk.h>
#endif

/* ------------------------------------------------------------------------ */

#define TESTPLUGIN_TYPE_WORKSPACE_ADDIN (testplugin_workspace_addin_get_type ())
G_DECLARE_FINAL_TYPE (TestpluginWorkspaceAddin, testplugin_workspace_addin,
                      TESTPLUGIN, WORKSPACE_ADDIN, GObject)

struct _TestpluginWorkspaceAddin
{
  GObject parent_instance;
};

static const char *
testplugin_workspace_addin_get_schema_path (SteadWorkspaceAddin *addin)
{
  return "/io/github/steadapp/Stead/tests/testplugin/schema";
}

static void
testplugin_workspace_addin_load (SteadWorkspaceAddin *addin,
                                 SteadWorkspace      *workspace)
{
  /* Visible to the tests, so they can check every load is undone. */
  g_object_set_data (G_OBJECT (workspace), "testplugin-loaded", GINT_TO_POINTER (TRUE));
}

static void
testplugin_workspace_addin_unload (SteadWorkspaceAddin *addin,
                                   SteadWorkspace      *workspace)
{
  g_object_set_data (G_OBJECT (workspace), "testplugin-loaded", NULL);
}

static gboolean
testplugin_workspace_addin_populate_demo (SteadWorkspaceAddin  *addin,
                                          SteadTransaction     *txn,
                                          guint                 scale,
                                          GRand                *rng,
                                          GError              **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = stead_transaction_prepare (txn, "INSERT INTO testplugin_item (title, count) VALUES (?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < 3; i++)
    {
      sqlite3_bind_text (stmt, 1, "Demo item", -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 2, g_rand_int_range (rng, 1, 100));
      if (!stead_transaction_step (txn, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static void
workspace_addin_iface_init (SteadWorkspaceAddinInterface *iface)
{
  iface->get_schema_path = testplugin_workspace_addin_get_schema_path;
  iface->load = testplugin_workspace_addin_load;
  iface->unload = testplugin_workspace_addin_unload;
  iface->populate_demo = testplugin_workspace_addin_populate_demo;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (TestpluginWorkspaceAddin, testplugin_workspace_addin, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (STEAD_TYPE_WORKSPACE_ADDIN, workspace_addin_iface_init))

static void
testplugin_workspace_addin_class_init (TestpluginWorkspaceAddinClass *klass)
{
}

static void
testplugin_workspace_addin_init (TestpluginWorkspaceAddin *self)
{
}

#ifndef TESTPLUGIN_NO_GTK
/* ------------------------------------------------------------------------ */

#define TESTPLUGIN_TYPE_WINDOW_ADDIN (testplugin_window_addin_get_type ())
G_DECLARE_FINAL_TYPE (TestpluginWindowAddin, testplugin_window_addin,
                      TESTPLUGIN, WINDOW_ADDIN, GObject)

struct _TestpluginWindowAddin
{
  GObject parent_instance;
};

static void
testplugin_window_addin_load (SteadWindowAddin *addin,
                              SteadWindow      *window)
{
  GtkWidget *page = adw_status_page_new ();

  adw_status_page_set_title (ADW_STATUS_PAGE (page), "Test Items");
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (page), "view-list-symbolic");
  stead_window_add_page (window, "testplugin.items", "Test Items", "view-list-symbolic", page);

  /* A map layer of its own, as area-specific plugins add. */
  {
    SteadMapView *map = stead_window_get_map_view (window);
    ShumateMarkerLayer *layer = shumate_marker_layer_new (stead_map_view_get_viewport (map));

    stead_map_view_add_layer (map, SHUMATE_LAYER (layer));
    g_object_set_data_full (G_OBJECT (window), "testplugin-layer", g_object_ref (layer), g_object_unref);
  }
}

static void
testplugin_window_addin_unload (SteadWindowAddin *addin,
                                SteadWindow      *window)
{
  stead_window_remove_page (window, "testplugin.items");
  stead_map_view_remove_layer (stead_window_get_map_view (window),
                               g_object_get_data (G_OBJECT (window), "testplugin-layer"));
  g_object_set_data (G_OBJECT (window), "testplugin-layer", NULL);
}

static void
window_addin_iface_init (SteadWindowAddinInterface *iface)
{
  iface->load = testplugin_window_addin_load;
  iface->unload = testplugin_window_addin_unload;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (TestpluginWindowAddin, testplugin_window_addin, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (STEAD_TYPE_WINDOW_ADDIN, window_addin_iface_init))

static void
testplugin_window_addin_class_init (TestpluginWindowAddinClass *klass)
{
}

static void
testplugin_window_addin_init (TestpluginWindowAddin *self)
{
}

#endif

/* ------------------------------------------------------------------------ */

#define TESTPLUGIN_TYPE_IMPORTER (testplugin_importer_get_type ())
G_DECLARE_FINAL_TYPE (TestpluginImporter, testplugin_importer, TESTPLUGIN, IMPORTER, GObject)

struct _TestpluginImporter
{
  GObject parent_instance;
};

static const char *
testplugin_importer_get_id (SteadImporter *importer)
{
  return "testplugin-items";
}

static const char *
testplugin_importer_get_title (SteadImporter *importer)
{
  return "Test items (CSV)";
}

static const char * const *
testplugin_importer_get_extensions (SteadImporter *importer)
{
  static const char * const extensions[] = { "csv", NULL };
  return extensions;
}

static void
importer_iface_init (SteadImporterInterface *iface)
{
  iface->get_id = testplugin_importer_get_id;
  iface->get_title = testplugin_importer_get_title;
  iface->get_extensions = testplugin_importer_get_extensions;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (TestpluginImporter, testplugin_importer, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (STEAD_TYPE_IMPORTER, importer_iface_init))

static void
testplugin_importer_class_init (TestpluginImporterClass *klass)
{
}

static void
testplugin_importer_init (TestpluginImporter *self)
{
}

/* ------------------------------------------------------------------------ */

G_MODULE_EXPORT void
peas_register_types (PeasObjectModule *module)
{
  peas_object_module_register_extension_type (module, STEAD_TYPE_WORKSPACE_ADDIN,
                                              TESTPLUGIN_TYPE_WORKSPACE_ADDIN);
#ifndef TESTPLUGIN_NO_GTK
  peas_object_module_register_extension_type (module, STEAD_TYPE_WINDOW_ADDIN,
                                              TESTPLUGIN_TYPE_WINDOW_ADDIN);
#endif
  peas_object_module_register_extension_type (module, STEAD_TYPE_IMPORTER,
                                              TESTPLUGIN_TYPE_IMPORTER);
}
