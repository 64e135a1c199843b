/* testplugin-gtk.c: the test plugin's window module: its page and map layer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "testplugin"

#include "config.h"

#include <stead-gtk.h>

#include "testplugin.h"

G_DECLARE_FINAL_TYPE (TestpluginPage, testplugin_page, TESTPLUGIN, PAGE, SteadPage)

struct _TestpluginPage
{
  SteadPage        parent_instance;
  SteadRecordPage *records;
};

G_DEFINE_FINAL_TYPE (TestpluginPage, testplugin_page, STEAD_TYPE_PAGE)

static void
testplugin_page_load (SteadPage      *page,
                      SteadWorkspace *workspace)
{
  g_autoptr(SteadQueryModel) items = testplugin_items_new (workspace);
  TestpluginPage *self = TESTPLUGIN_PAGE (page);

  stead_record_page_set_workspace (self->records, workspace);
  stead_record_page_set_model (self->records, G_LIST_MODEL (items));
}

static gboolean
testplugin_page_show (SteadPage  *page,
                      const char *kind,
                      gint64      id)
{
  if (!g_str_equal (kind, "item"))
    return FALSE;
  stead_record_page_reveal (TESTPLUGIN_PAGE (page)->records, id);
  return TRUE;
}

static gboolean
testplugin_page_save (SteadForm  *form,
                      gpointer    user_data,
                      GError    **error)
{
  return stead_workspace_edit (stead_form_get_workspace (form), TESTPLUGIN_OWNER, "Add an item",
                               "INSERT INTO testplugin_item (title, count) VALUES (?, ?)",
                               STEAD_ARGS (STEAD_STRING (stead_form_get_text (form, "title")),
                                           STEAD_INT (stead_form_get_int (form, "count", 0))),
                               error) > 0;
}

static void
testplugin_page_on_add (TestpluginPage *self)
{
  stead_form_present (stead_form_new (GTK_WIDGET (self), "Add Item", NULL, testplugin_item_fields,
                                      testplugin_n_item_fields, "title count", NULL, NULL,
                                      stead_page_get_workspace (STEAD_PAGE (self)),
                                      testplugin_page_save, self, NULL));
}

static void
testplugin_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), testplugin_page_get_type ());
  G_OBJECT_CLASS (testplugin_page_parent_class)->dispose (object);
}

static void
testplugin_page_class_init (TestpluginPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = testplugin_page_dispose;
  STEAD_PAGE_CLASS (klass)->load = testplugin_page_load;
  STEAD_PAGE_CLASS (klass)->show = testplugin_page_show;
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/steadapp/Stead/tests/"
                                                             "testplugin/page.ui");
  gtk_widget_class_bind_template_child (widget_class, TestpluginPage, records);
  gtk_widget_class_bind_template_callback (widget_class, testplugin_page_on_add);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
testplugin_page_init (TestpluginPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

static ShumateLayer *
testplugin_create_layer (SteadWorkspace  *workspace,
                         ShumateViewport *viewport)
{
  g_autoptr(SteadQueryModel) items = testplugin_items_new (workspace);

  return SHUMATE_LAYER (
    stead_marker_layer_new (viewport, G_LIST_MODEL (items), "view-list-symbolic", NULL));
}

static const SteadWindowAddinInfo testplugin_window = {
  .module = TESTPLUGIN_OWNER,
  .page_name = "testplugin.items",
  .title = "Test Items",
  .icon_name = "view-list-symbolic",
  .page_type = testplugin_page_get_type,
  .layer_title = "Test items",
  .create_layer = testplugin_create_layer,
};

G_MODULE_EXPORT void peas_register_types (PeasObjectModule *module);

G_MODULE_EXPORT void
peas_register_types (PeasObjectModule *module)
{
  stead_window_addin_register (module, &testplugin_window);
}
