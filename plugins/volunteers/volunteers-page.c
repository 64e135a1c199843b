/* volunteers-page.c: the Volunteers page
 *
 * The record page of the register (volunteers-page.ui): who they are,
 * how they travel, their checks and badge.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "volunteers"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "volunteers.h"
#include "volunteers-page.h"

struct _VolunteersPage
{
  SteadPage        parent_instance;

  SteadRecordPage *records;
  SteadFieldGroup *fields;
};

G_DEFINE_FINAL_TYPE (VolunteersPage, volunteers_page, STEAD_TYPE_PAGE)

static const SteadField volunteers_page_new_fields[] = {
  { "name", .required = TRUE, .label = N_("Name") },
  { "postcode", .label = N_("Home Postcode") },
};

static gboolean
volunteers_page_save_new (SteadForm  *form,
                          gpointer    user_data,
                          GError    **error)
{
  VolunteersPage *self = user_data;
  gint64 id = volunteers_volunteer_add (stead_form_get_workspace (form),
                                        stead_form_get_text (form, "name"),
                                        stead_form_get_text (form, "postcode"), error);

  if (id <= 0)
    return FALSE;
  stead_record_page_reveal (self->records, id);
  return TRUE;
}

static void
volunteers_page_on_add (VolunteersPage *self)
{
  stead_form_present (stead_form_new (GTK_WIDGET (self), _("Register Volunteer"), NULL,
                                      volunteers_page_new_fields,
                                      G_N_ELEMENTS (volunteers_page_new_fields), NULL, NULL, NULL,
                                      stead_page_get_workspace (STEAD_PAGE (self)),
                                      volunteers_page_save_new, self, NULL));
}

static void
volunteers_page_load (SteadPage      *page,
                      SteadWorkspace *workspace)
{
  VolunteersPage *self = VOLUNTEERS_PAGE (page);
  g_autoptr(SteadQueryModel) volunteers = volunteers_register_new (workspace);

  stead_record_page_set_workspace (self->records, workspace);
  stead_record_page_set_model (self->records, G_LIST_MODEL (volunteers));
}

static gboolean
volunteers_page_show (SteadPage  *page,
                      const char *kind,
                      gint64      id)
{
  if (!g_str_equal (kind, "volunteer"))
    return FALSE;
  stead_record_page_reveal (VOLUNTEERS_PAGE (page)->records, id);
  return TRUE;
}

static void
volunteers_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), VOLUNTEERS_TYPE_PAGE);
  G_OBJECT_CLASS (volunteers_page_parent_class)->dispose (object);
}

static void
volunteers_page_class_init (VolunteersPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = volunteers_page_dispose;
  STEAD_PAGE_CLASS (klass)->load = volunteers_page_load;
  STEAD_PAGE_CLASS (klass)->show = volunteers_page_show;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/steadapp/Stead/plugins/volunteers/"
                                               "volunteers-page.ui");
  gtk_widget_class_bind_template_child (widget_class, VolunteersPage, records);
  gtk_widget_class_bind_template_child (widget_class, VolunteersPage, fields);
  gtk_widget_class_bind_template_callback (widget_class, volunteers_page_on_add);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
volunteers_page_init (VolunteersPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
