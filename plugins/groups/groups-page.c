/* groups-page.c: the Target Groups page
 *
 * The record page of target groups (groups-page.ui): who they are, the
 * causes of their vulnerability and their baseline resilience.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "groups"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "groups.h"
#include "groups-page.h"

struct _GroupsPage
{
  SteadPage        parent_instance;

  SteadRecordPage *records;
  SteadFieldGroup *fields;
};

G_DEFINE_FINAL_TYPE (GroupsPage, groups_page, STEAD_TYPE_PAGE)

static const SteadField groups_page_new_fields[] = {
  { "name", .required = TRUE, .label = N_("Name") },
  { "category", .type = STEAD_FIELD_TERM, .vocabulary = "target-group", .label = N_("Category") },
};

static gboolean
groups_page_save_new (SteadForm  *form,
                      gpointer    user_data,
                      GError    **error)
{
  GroupsPage *self = user_data;
  gint64 id = groups_group_add (stead_form_get_workspace (form), stead_form_get_text (form, "name"),
                                stead_form_get_text (form, "category"), error);

  if (id <= 0)
    return FALSE;
  stead_record_page_reveal (self->records, id);
  return TRUE;
}

static void
groups_page_on_add (GroupsPage *self)
{
  stead_form_present (stead_form_new (GTK_WIDGET (self), _("Add Target Group"), NULL,
                                      groups_page_new_fields, G_N_ELEMENTS (groups_page_new_fields),
                                      NULL, NULL, NULL, stead_page_get_workspace (STEAD_PAGE (self)),
                                      groups_page_save_new, self, NULL));
}

static void
groups_page_load (SteadPage      *page,
                  SteadWorkspace *workspace)
{
  GroupsPage *self = GROUPS_PAGE (page);
  g_autoptr(SteadQueryModel) groups = groups_groups_new (workspace);

  stead_record_page_set_workspace (self->records, workspace);
  stead_record_page_set_model (self->records, G_LIST_MODEL (groups));
}

static gboolean
groups_page_show (SteadPage  *page,
                  const char *kind,
                  gint64      id)
{
  if (!g_str_equal (kind, "target-group"))
    return FALSE;
  stead_record_page_reveal (GROUPS_PAGE (page)->records, id);
  return TRUE;
}

static void
groups_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), GROUPS_TYPE_PAGE);
  G_OBJECT_CLASS (groups_page_parent_class)->dispose (object);
}

static void
groups_page_class_init (GroupsPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = groups_page_dispose;
  STEAD_PAGE_CLASS (klass)->load = groups_page_load;
  STEAD_PAGE_CLASS (klass)->show = groups_page_show;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/steadapp/Stead/plugins/groups/"
                                               "groups-page.ui");
  gtk_widget_class_bind_template_child (widget_class, GroupsPage, records);
  gtk_widget_class_bind_template_child (widget_class, GroupsPage, fields);
  gtk_widget_class_bind_template_callback (widget_class, groups_page_on_add);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
groups_page_init (GroupsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
