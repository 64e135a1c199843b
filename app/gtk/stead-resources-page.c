/* stead-resources-page.c: the core's resources: what there is, and whether it can be used
 *
 * Every resource of the workspace (the core's and the ones plugins
 * publish), filtered by kind, availability and who published it; the
 * selected one's availability edits in place (one undo step), and one a
 * plugin published opens in that plugin's page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stead-resources-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "stead-field-group.h"
#include "stead-map-view.h"
#include "stead-record-page.h"
#include "stead-resources-page.h"
#include "stead-window.h"

struct _SteadResourcesPage
{
  SteadPage        parent_instance;

  SteadRecordPage *records;
  GtkDropDown     *kind_filter;
  GtkDropDown     *availability_filter;
  GtkDropDown     *owner_filter;
  GtkWidget       *plugin_button;
  GtkWidget       *fields;

  SteadWorkspace  *workspace;    /* the page's */
  SteadQueryModel *resources;
  gboolean         resetting;
};

G_DEFINE_FINAL_TYPE (SteadResourcesPage, stead_resources_page, STEAD_TYPE_PAGE)

static const SteadChoice stead_resources_page_availabilities[] = {
  { "", N_("Any Availability") },
  { "available", N_("Available") },
  { "limited", N_("Limited") },
  { "committed", N_("Committed") },
  { "unavailable", N_("Unavailable") },
  { NULL }
};

static const char *
stead_resources_page_code (GtkDropDown *dropdown)
{
  SteadTerm *term = gtk_drop_down_get_selected_item (dropdown);

  return term != NULL ? stead_term_get_code (term) : "";
}

static void
stead_resources_page_refilter (SteadResourcesPage *self)
{
  SteadResourceFilter filter = { 0 };
  const char *owner;

  if (self->resources == NULL || self->resetting)
    return;
  owner = stead_resources_page_code (self->owner_filter);
  filter.kind = stead_resources_page_code (self->kind_filter);
  filter.availability = stead_resources_page_code (self->availability_filter);
  /* "-": recorded in the core, by no plugin. */
  filter.owner = g_str_equal (owner, "-") ? "" : *owner != '\0' ? owner : NULL;
  stead_resources_set_filter (self->resources, &filter);
}

static void
stead_resources_page_on_reset_filters (SteadResourcesPage *self)
{
  self->resetting = TRUE;
  gtk_drop_down_set_selected (self->kind_filter, 0);
  gtk_drop_down_set_selected (self->availability_filter, 0);
  gtk_drop_down_set_selected (self->owner_filter, 0);
  self->resetting = FALSE;
  stead_resources_page_refilter (self);
}

static void
stead_resources_page_on_selected (SteadResourcesPage *self)
{
  SteadRecord *selected = stead_record_page_get_selected (self->records);

  gtk_widget_set_visible (self->plugin_button,
                          selected != NULL && stead_record_get_string (selected, "owner") != NULL);
  /* Headed by the kind's label, not its code. */
  if (selected != NULL)
    {
      const char *kind = stead_record_get_string (selected, "kind");
      g_autofree char *label = stead_workspace_get_term_label (self->workspace, "resource-kind",
                                                               kind);

      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->fields),
                                       label != NULL ? label : kind);
    }
}

static void
stead_resources_page_on_show_on_map (SteadResourcesPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  SteadRecord *selected = stead_record_page_get_selected (self->records);

  if (!STEAD_IS_WINDOW (root) || selected == NULL)
    return;
  stead_window_show_page (STEAD_WINDOW (root), "map");
  stead_map_view_show_point (stead_window_get_map_view (STEAD_WINDOW (root)), FALSE,
                             stead_record_get_id (selected));
}

static void
stead_resources_page_on_open_record (SteadResourcesPage *self)
{
  SteadRecord *selected = stead_record_page_get_selected (self->records);
  g_autofree char *action = NULL;

  if (selected == NULL || stead_record_get_string (selected, "owner") == NULL)
    return;
  action = g_strdup_printf ("%s.show-record", stead_record_get_string (selected, "owner"));
  if (!gtk_widget_activate_action (GTK_WIDGET (self), action, "x",
                                   stead_record_get_int (selected, "owner_ref")))
    stead_record_page_toast (self->records,
                             _("The plugin this resource comes from is switched off"));
}

static GListModel *
stead_resources_page_with_all (GListModel *terms,
                               SteadTerm  *first,
                               SteadTerm  *second)
{
  g_autoptr(GListStore) heads = g_list_store_new (G_TYPE_LIST_MODEL);
  g_autoptr(GListStore) head = g_list_store_new (STEAD_TYPE_TERM);

  g_list_store_append (head, first);
  if (second != NULL)
    g_list_store_append (head, second);
  g_list_store_append (heads, head);
  g_list_store_append (heads, terms);
  return G_LIST_MODEL (gtk_flatten_list_model_new (G_LIST_MODEL (g_steal_pointer (&heads))));
}

static void
stead_resources_page_load (SteadPage      *page,
                           SteadWorkspace *workspace)
{
  SteadResourcesPage *self = STEAD_RESOURCES_PAGE (page);
  g_autoptr(GListModel) availabilities =
    stead_choices_model_new (stead_resources_page_availabilities);
  g_autoptr(GListModel) kinds = stead_vocabulary_new (workspace, "resource-kind");
  g_autoptr(GListModel) owners = stead_terms_new_for_query (
    workspace, "SELECT DISTINCT owner, owner FROM resource WHERE owner IS NOT NULL ORDER BY 1",
    NULL, STEAD_STRV ("resource"));
  g_autoptr(SteadTerm) all_kinds = stead_term_new ("", _("All Kinds"), NULL);
  g_autoptr(SteadTerm) anyone = stead_term_new ("", _("Anyone"), NULL);
  g_autoptr(SteadTerm) core = stead_term_new ("-", _("Recorded Here"), NULL);
  g_autoptr(GListModel) kind_choices = stead_resources_page_with_all (kinds, all_kinds, NULL);
  g_autoptr(GListModel) owner_choices = stead_resources_page_with_all (owners, anyone, core);

  self->workspace = workspace;
  stead_record_page_set_workspace (self->records, workspace);
  self->resetting = TRUE;
  gtk_drop_down_set_model (self->kind_filter, kind_choices);
  gtk_drop_down_set_model (self->availability_filter, availabilities);
  gtk_drop_down_set_model (self->owner_filter, owner_choices);
  self->resetting = FALSE;
  self->resources = stead_resources_new (workspace);
  stead_record_page_set_model (self->records, G_LIST_MODEL (self->resources));
  stead_resources_page_refilter (self);
}

static gboolean
stead_resources_page_show (SteadPage  *page,
                           const char *kind,
                           gint64      id)
{
  SteadResourcesPage *self = STEAD_RESOURCES_PAGE (page);

  if (!g_str_equal (kind, "resource") || id <= 0)
    return FALSE;
  stead_record_page_reveal (self->records, id);
  return TRUE;
}

static void
stead_resources_page_dispose (GObject *object)
{
  SteadResourcesPage *self = STEAD_RESOURCES_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), STEAD_TYPE_RESOURCES_PAGE);
  g_clear_object (&self->resources);
  G_OBJECT_CLASS (stead_resources_page_parent_class)->dispose (object);
}

static void
stead_resources_page_class_init (SteadResourcesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = stead_resources_page_dispose;
  STEAD_PAGE_CLASS (klass)->load = stead_resources_page_load;
  STEAD_PAGE_CLASS (klass)->show = stead_resources_page_show;

  g_type_ensure (STEAD_TYPE_RECORD_PAGE);
  g_type_ensure (STEAD_TYPE_FIELD_GROUP);
  g_type_ensure (STEAD_TYPE_RESOURCE);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/steadapp/Stead/"
                                                             "stead-resources-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SteadResourcesPage, records);
  gtk_widget_class_bind_template_child (widget_class, SteadResourcesPage, kind_filter);
  gtk_widget_class_bind_template_child (widget_class, SteadResourcesPage, availability_filter);
  gtk_widget_class_bind_template_child (widget_class, SteadResourcesPage, owner_filter);
  gtk_widget_class_bind_template_child (widget_class, SteadResourcesPage, plugin_button);
  gtk_widget_class_bind_template_child (widget_class, SteadResourcesPage, fields);
  gtk_widget_class_bind_template_callback (widget_class, stead_resources_page_refilter);
  gtk_widget_class_bind_template_callback (widget_class, stead_resources_page_on_reset_filters);
  gtk_widget_class_bind_template_callback (widget_class, stead_resources_page_on_selected);
  gtk_widget_class_bind_template_callback (widget_class, stead_resources_page_on_show_on_map);
  gtk_widget_class_bind_template_callback (widget_class, stead_resources_page_on_open_record);
}

static void
stead_resources_page_init (SteadResourcesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
