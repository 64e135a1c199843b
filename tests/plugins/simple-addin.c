/* simple-addin.c: a minimal workspace addin, built once per test plugin
 * with PLUGIN_NAME and SCHEMA_PATH defined.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN PLUGIN_NAME

#include "config.h"

#include <libpeas/peas.h>
#include <stead.h>

#define SIMPLE_TYPE_ADDIN (simple_addin_get_type ())
G_DECLARE_FINAL_TYPE (SimpleAddin, simple_addin, SIMPLE, ADDIN, GObject)

struct _SimpleAddin
{
  GObject parent_instance;
};

static const char *
simple_addin_get_schema_path (SteadWorkspaceAddin *addin)
{
  return SCHEMA_PATH;
}

static void
simple_addin_load (SteadWorkspaceAddin *addin,
                   SteadWorkspace      *workspace)
{
  g_object_set_data (G_OBJECT (workspace), PLUGIN_NAME "-loaded", GINT_TO_POINTER (TRUE));
}

static void
simple_addin_unload (SteadWorkspaceAddin *addin,
                     SteadWorkspace      *workspace)
{
  g_object_set_data (G_OBJECT (workspace), PLUGIN_NAME "-loaded", NULL);
}

static void
addin_iface_init (gpointer g_iface,
                  gpointer data)
{
  SteadWorkspaceAddinInterface *iface = g_iface;

  if (SCHEMA_PATH != NULL)
    iface->get_schema_path = simple_addin_get_schema_path;
  iface->load = simple_addin_load;
  iface->unload = simple_addin_unload;
}

/* Registered by hand: each test plugin builds this file, and every type
 * needs its own name ("testdep-addin", …) in the one process. */
GType
simple_addin_get_type (void)
{
  static gsize type;

  if (g_once_init_enter (&type))
    {
      const GInterfaceInfo iface_info = { addin_iface_init, NULL, NULL };
      GType t = g_type_register_static_simple (G_TYPE_OBJECT, PLUGIN_NAME "-addin",
                                               sizeof (GObjectClass), NULL,
                                               sizeof (SimpleAddin), NULL, G_TYPE_FLAG_FINAL);

      g_type_add_interface_static (t, STEAD_TYPE_WORKSPACE_ADDIN, &iface_info);
      g_once_init_leave (&type, t);
    }
  return type;
}

G_MODULE_EXPORT void
peas_register_types (PeasObjectModule *module)
{
  peas_object_module_register_extension_type (module, STEAD_TYPE_WORKSPACE_ADDIN,
                                              SIMPLE_TYPE_ADDIN);
}
