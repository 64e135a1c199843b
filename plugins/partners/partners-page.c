/* partners-page.c: the partner directory
 *
 * The record page of organisations (partners-page.ui) with what only the
 * partners need: the type and tier filters, the network view, and the
 * forms for an organisation's contacts, sites, capabilities, agreements
 * and notes, each saved as one undo step.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "partners"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "partners.h"
#include "partners-page.h"

struct _PartnersPage
{
  SteadPage        parent_instance;

  SteadRecordPage *records;
  GtkDropDown     *type_filter;
  GtkDropDown     *tier_filter;
  GtkToggleButton *network_toggle;
  PartnersNetwork *network;
  SteadRecordList *agreements;
  SteadRecordList *contacts;
  SteadRecordList *sites;
  SteadRecordList *capabilities;
  SteadRecordList *log;
  AdwEntryRow     *note_entry;
  gint64           note_for;    /* the organisation a note is being typed for */

  SteadWorkspace  *workspace;
  SteadQueryModel *organisations;
};

G_DEFINE_FINAL_TYPE (PartnersPage, partners_page, STEAD_TYPE_PAGE)

static const SteadChoice partners_page_tiers[] = {
  { "", N_("All Tiers") },
  { "instrumental", N_("Instrumental") },
  { "contributing", N_("Contributing") },
  { "occasional", N_("Occasional") },
  { NULL },
};

static gint64
partners_page_selected_id (PartnersPage *self)
{
  SteadRecord *record = stead_record_page_get_selected (self->records);

  return record != NULL ? stead_record_get_id (record) : 0;
}

static const char *
partners_page_filter_code (GtkDropDown *dropdown)
{
  SteadTerm *term = gtk_drop_down_get_selected_item (dropdown);

  return term != NULL && *stead_term_get_code (term) != '\0' ? stead_term_get_code (term) : NULL;
}

static gboolean
partners_page_filter (SteadRecord *record,
                      gpointer     user_data)
{
  PartnersPage *self = user_data;
  const char *type = partners_page_filter_code (self->type_filter);
  const char *tier = partners_page_filter_code (self->tier_filter);

  return (type == NULL || g_strcmp0 (stead_record_get_string (record, "type"), type) == 0) &&
         (tier == NULL || g_strcmp0 (stead_record_get_string (record, "tier"), tier) == 0);
}

static void
partners_page_refilter (PartnersPage *self)
{
  stead_record_page_refilter (self->records);
}

static void
partners_page_on_reset_filters (PartnersPage *self)
{
  gtk_drop_down_set_selected (self->type_filter, 0);
  gtk_drop_down_set_selected (self->tier_filter, 0);
  gtk_toggle_button_set_active (self->network_toggle, FALSE);
}

static void
partners_page_on_network_toggled (PartnersPage *self)
{
  stead_record_page_show_view (
    self->records, gtk_toggle_button_get_active (self->network_toggle) ? "network" : "list");
}

static void partners_page_add_note (PartnersPage *self);

/* The selected organisation's children follow it. */
static void
partners_page_on_selected (PartnersPage *self)
{
  gint64 id = partners_page_selected_id (self);
  struct { SteadRecordList *list; GType type; } lists[] = {
    { self->agreements, PARTNERS_TYPE_AGREEMENT }, { self->contacts, PARTNERS_TYPE_CONTACT },
    { self->sites, PARTNERS_TYPE_SITE }, { self->capabilities, PARTNERS_TYPE_CAPABILITY },
    { self->log, PARTNERS_TYPE_LOG },
  };

  partners_network_set_selected (self->network, id);
  if (self->note_for != 0 && self->note_for != id)
    partners_page_add_note (self);
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      if (!stead_record_list_follow (lists[i].list, self->workspace != NULL ? id : 0))
        {
          g_autoptr(SteadQueryModel) children =
            partners_children_new (self->workspace, lists[i].type, id);

          stead_record_list_set_model (lists[i].list, G_LIST_MODEL (children));
        }
    }
}

/* ------------------------------------------------------------------------ */
/* Adding and editing                                                        */

static gboolean
partners_page_save_partner (SteadForm  *form,
                            gpointer    user_data,
                            GError    **error)
{
  PartnersPage *self = user_data;
  gint64 id = partners_organisation_add (self->workspace, stead_form_get_text (form, "name"),
                                         stead_form_get_text (form, "type"),
                                         stead_form_get_text (form, "tier"), error);

  if (id == 0)
    return FALSE;
  stead_record_page_select (self->records, id);
  return TRUE;
}

static void
partners_page_on_add (PartnersPage *self)
{
  static const char * const initial[] = { "type", "other", "tier", "contributing", NULL };

  stead_form_present (stead_form_new (GTK_WIDGET (self), _("Add Partner"),
                                      _("The organisation’s name. Add the rest in its details."),
                                      partners_organisation_fields, partners_n_organisation_fields,
                                      "name type tier", NULL, initial, self->workspace,
                                      partners_page_save_partner, self, NULL));
}

static gboolean
partners_page_save_contact (SteadForm  *form,
                            gpointer    user_data,
                            GError    **error)
{
  PartnersPage *self = user_data;
  SteadRecord *contact = stead_form_get_record (form);
  const char *v[] = { stead_form_get_text (form, "name"), stead_form_get_text (form, "role"),
                      stead_form_get_text (form, "phone"), stead_form_get_text (form, "phone_24h"),
                      stead_form_get_text (form, "email") };

  if (contact != NULL)
    return partners_contact_update (self->workspace, stead_record_get_id (contact), v[0], v[1],
                                    v[2], v[3], v[4], error);
  return partners_contact_add (self->workspace, partners_page_selected_id (self), v[0], v[1], v[2],
                               v[3], v[4], error) != 0;
}

static void
partners_page_edit_contact (PartnersPage *self,
                            SteadRecord  *contact)
{
  stead_form_present (
    stead_form_new (GTK_WIDGET (self), contact ? _("Edit Contact") : _("Add Contact"), NULL,
                    partners_contact_fields, partners_n_contact_fields, NULL, contact, NULL,
                    self->workspace, partners_page_save_contact, self, NULL));
}

static void
partners_page_add_contact (PartnersPage *self)
{
  partners_page_edit_contact (self, NULL);
}

static gboolean
partners_page_save_site (SteadForm  *form,
                         gpointer    user_data,
                         GError    **error)
{
  PartnersPage *self = user_data;
  SteadRecord *site = stead_form_get_record (form);
  double lon_lat[2];
  /* A postcode, a grid reference, a latitude and longitude or a place
   * picked on the map; none: where its postcode is. */
  gboolean has_position = stead_form_get_position (form, &lon_lat[0], &lon_lat[1]);
  gint64 capacity = stead_form_get_int (form, "capacity", -1);

  if (site != NULL)
    return partners_site_update (
      self->workspace, stead_record_get_id (site), stead_form_get_text (form, "name"),
      stead_form_get_text (form, "what"), stead_form_get_text (form, "address"),
      stead_form_get_text (form, "postcode"), capacity, has_position ? lon_lat : NULL, error);
  return partners_site_add (
           self->workspace, partners_page_selected_id (self), stead_form_get_text (form, "name"),
           stead_form_get_text (form, "what"), stead_form_get_text (form, "address"),
           stead_form_get_text (form, "postcode"), capacity, has_position ? lon_lat : NULL,
           error) != 0;
}

static void
partners_page_edit_site (PartnersPage *self,
                         SteadRecord  *site)
{
  SteadForm *form = stead_form_new (
    GTK_WIDGET (self), site ? _("Edit Site") : _("Add Site"), NULL, partners_site_fields,
    partners_n_site_fields, "name what address postcode capacity", site, NULL, self->workspace,
    partners_page_save_site, self, NULL);
  double lon_lat[2];
  gboolean placed = site != NULL && !stead_record_is_null (site, "longitude") &&
                    !stead_record_is_null (site, "latitude");

  if (placed)
    {
      lon_lat[0] = stead_record_get_double (site, "longitude");
      lon_lat[1] = stead_record_get_double (site, "latitude");
    }
  stead_form_add_position (form, FALSE, placed ? lon_lat : NULL);
  stead_form_present (form);
}

static void
partners_page_add_site (PartnersPage *self)
{
  partners_page_edit_site (self, NULL);
}

static gboolean
partners_page_save_capability (SteadForm  *form,
                               gpointer    user_data,
                               GError    **error)
{
  PartnersPage *self = user_data;
  SteadRecord *capability = stead_form_get_record (form);
  /* An empty quantity means one. */
  gint64 quantity = stead_form_get_int (form, "quantity", 1);
  gint64 site = stead_form_get_int (form, "site", 0);
  gint64 lead = stead_form_get_int (form, "lead_time_hours", -1);

  if (capability != NULL)
    return partners_capability_update (self->workspace, stead_record_get_id (capability), site,
                                       stead_form_get_text (form, "kind"), quantity,
                                       stead_form_get_text (form, "conditions"), lead, error);
  return partners_capability_add (self->workspace, partners_page_selected_id (self), site,
                                  stead_form_get_text (form, "kind"), quantity,
                                  stead_form_get_text (form, "conditions"), lead, error) != 0;
}

static void
partners_page_edit_capability (PartnersPage *self,
                               SteadRecord  *capability)
{
  static const char * const initial[] = { "quantity", "1", NULL };
  SteadForm *form =
    stead_form_new (GTK_WIDGET (self), capability ? _("Edit Capability") : _("Add Capability"),
                    NULL, partners_capability_fields, partners_n_capability_fields,
                    "kind quantity site conditions lead_time_hours", capability, initial,
                    self->workspace, partners_page_save_capability, self, NULL);
  GListModel *sites = stead_record_list_get_model (self->sites);
  g_autoptr(GListStore) choices = g_list_store_new (STEAD_TYPE_TERM);

  /* A capability is at one of its organisation's sites, or none. */
  for (guint i = 0; sites != NULL && i < g_list_model_get_n_items (sites); i++)
    {
      g_autoptr(SteadRecord) site = g_list_model_get_item (sites, i);
      g_autofree char *code = g_strdup_printf ("%" G_GINT64_FORMAT, stead_record_get_id (site));
      g_autoptr(SteadTerm) term = stead_term_new (code, stead_record_get_title (site), NULL);

      g_list_store_append (choices, term);
    }
  stead_form_set_choices (form, "site", G_LIST_MODEL (choices));
  stead_form_present (form);
}

static void
partners_page_add_capability (PartnersPage *self)
{
  partners_page_edit_capability (self, NULL);
}

static gboolean
partners_page_save_agreement (SteadForm  *form,
                              gpointer    user_data,
                              GError    **error)
{
  PartnersPage *self = user_data;
  SteadRecord *agreement = stead_form_get_record (form);
  SteadRecordProvider *provider = stead_workspace_get_provider (self->workspace, "organisation");
  g_autoptr(GArray) parties = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_auto(GStrv) names = g_strsplit (
    stead_form_get_text (form, "parties") ? stead_form_get_text (form, "parties") : "", ";", -1);
  gint64 selected = partners_page_selected_id (self);

  g_array_append_val (parties, selected);
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *name = g_strstrip (g_strdup (names[i]));
      gint64 id;

      if (*name == '\0')
        continue;
      id = provider != NULL ? stead_record_provider_find (provider, "organisation", name) : 0;
      if (id == 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("No partner called “%s”"), name);
          return FALSE;
        }
      g_array_append_val (parties, id);
    }
  return partners_agreement_save_full (
           self->workspace, agreement ? stead_record_get_id (agreement) : 0,
           stead_form_get_text (form, "title"), stead_form_get_text (form, "kind"),
           stead_form_get_text (form, "scope"), stead_form_get_text (form, "data_fields"),
           stead_form_get_text (form, "signed"), stead_form_get_text (form, "review"),
           stead_form_get_text (form, "expiry"), stead_form_get_text (form, "status"),
           stead_form_get_text (form, "document"),
           stead_form_get_int (form, "allows_points", 0) != 0,
           stead_form_get_int (form, "allows_tasking", 0) != 0,
           (const gint64 *) (gpointer) parties->data,
           parties->len, error) != 0;
}

static void
partners_page_edit_agreement (PartnersPage *self,
                              SteadRecord  *agreement)
{
  static const char * const initial[] = { "kind", "mou", "status", "active", NULL };

  stead_form_present (
    stead_form_new (GTK_WIDGET (self), agreement ? _("Edit Agreement") : _("Add Agreement"), NULL,
                    partners_agreement_fields, partners_n_agreement_fields, NULL, agreement,
                    initial, self->workspace, partners_page_save_agreement, self, NULL));
}

static void
partners_page_add_agreement (PartnersPage *self)
{
  partners_page_edit_agreement (self, NULL);
}

/* A note goes to the organisation it was typed for, even when another
 * one is selected, or the page goes, before it is added. */
static void
partners_page_add_note (PartnersPage *self)
{
  g_autoptr(GError) error = NULL;
  const char *note = gtk_editable_get_text (GTK_EDITABLE (self->note_entry));
  gint64 id = self->note_for != 0 ? self->note_for : partners_page_selected_id (self);

  if (*note == '\0' || id == 0 || self->workspace == NULL ||
      stead_workspace_is_closed (self->workspace))
    return;
  if (partners_log_add (self->workspace, id, NULL, note, &error) == 0)
    {
      stead_record_page_show_error (self->records, error);
      return;
    }
  self->note_for = 0;
  gtk_editable_set_text (GTK_EDITABLE (self->note_entry), "");
}

static void
partners_page_on_note_changed (PartnersPage *self)
{
  const char *note = gtk_editable_get_text (GTK_EDITABLE (self->note_entry));

  if (*note == '\0')
    self->note_for = 0;
  else if (self->note_for == 0)
    self->note_for = partners_page_selected_id (self);
}

/* Removing a child record: one undo step, offered back in a toast. */
static void
partners_page_removed (PartnersPage *self,
                       gboolean      ok,
                       GError       *error)
{
  if (ok)
    stead_record_page_toast_undo (self->records, _("Removed"));
  else
    stead_record_page_show_error (self->records, error);
}

#define PARTNERS_PAGE_REMOVE(what, function)                                                       \
  static void                                                                                      \
  partners_page_remove_##what (PartnersPage *self,                                                 \
                               SteadRecord  *record)                                               \
  {                                                                                                \
    g_autoptr(GError) error = NULL;                                                                \
    gboolean ok = function (self->workspace, stead_record_get_id (record), &error);                \
                                                                                                   \
    partners_page_removed (self, ok, error);                                                       \
  }

PARTNERS_PAGE_REMOVE (contact, partners_contact_delete)
PARTNERS_PAGE_REMOVE (site, partners_site_delete)
PARTNERS_PAGE_REMOVE (capability, partners_capability_delete)
PARTNERS_PAGE_REMOVE (agreement, partners_agreement_delete)
PARTNERS_PAGE_REMOVE (note, partners_log_delete)

/* ------------------------------------------------------------------------ */

static void
partners_page_load (SteadPage      *page,
                    SteadWorkspace *workspace)
{
  PartnersPage *self = PARTNERS_PAGE (page);
  g_autoptr(GListModel) types = NULL;
  g_autoptr(GListModel) tiers = NULL;
  g_autoptr(GListStore) type_choices = g_list_store_new (STEAD_TYPE_TERM);
  g_autoptr(SteadTerm) all = stead_term_new ("", _("All Types"), NULL);

  self->workspace = workspace;   /* the page's, for as long as it lives */
  stead_record_page_set_workspace (self->records, workspace);
  self->organisations = partners_organisations_new (workspace);
  stead_record_page_set_model (self->records, G_LIST_MODEL (self->organisations));
  stead_record_page_set_filter_func (self->records, partners_page_filter, self, NULL);

  types = stead_vocabulary_new (workspace, "partner-type");
  g_list_store_append (type_choices, all);
  for (guint i = 0; i < g_list_model_get_n_items (types); i++)
    {
      g_autoptr(GObject) term = g_list_model_get_item (types, i);

      g_list_store_append (type_choices, term);
    }
  gtk_drop_down_set_model (self->type_filter, G_LIST_MODEL (type_choices));
  tiers = stead_choices_model_new (partners_page_tiers);
  gtk_drop_down_set_model (self->tier_filter, tiers);
  partners_network_set_workspace (self->network, workspace);
  partners_network_set_shown (self->network, stead_record_page_get_shown (self->records));
}

/* A partner clicked in the network is the one selected, its details
 * beside the network. */
static void
partners_page_on_node_activated (PartnersPage *self,
                                 gint64        id)
{
  stead_record_page_select (self->records, id);
}

static void
partners_page_dispose (GObject *object)
{
  PartnersPage *self = PARTNERS_PAGE (object);

  /* The workspace closes after its pages go: a note typed is kept. */
  if (self->note_entry != NULL)
    partners_page_add_note (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), PARTNERS_TYPE_PAGE);
  g_clear_object (&self->organisations);
  G_OBJECT_CLASS (partners_page_parent_class)->dispose (object);
}

/* "Open Record" and search results: the organisation selected, whatever
 * hid it; for a site, the organisation whose site it is. */
static gboolean
partners_page_show (SteadPage  *page,
                   const char *kind,
                   gint64      id)
{
  PartnersPage *self = PARTNERS_PAGE (page);

  if (g_str_equal (kind, "site") && self->workspace != NULL)
    id = partners_site_organisation (self->workspace, id);
  else if (!g_str_equal (kind, "organisation"))
    return FALSE;
  if (id == 0)
    return FALSE;
  stead_record_page_reveal (self->records, id);
  return TRUE;
}

static void
partners_page_class_init (PartnersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = partners_page_dispose;
  STEAD_PAGE_CLASS (klass)->load = partners_page_load;
  STEAD_PAGE_CLASS (klass)->show = partners_page_show;

  g_type_ensure (PARTNERS_TYPE_NETWORK);
  g_type_ensure (PARTNERS_TYPE_ORGANISATION);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/steadapp/Stead/plugins/"
                                                             "partners/partners-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PartnersPage, records);
  gtk_widget_class_bind_template_child (widget_class, PartnersPage, type_filter);
  gtk_widget_class_bind_template_child (widget_class, PartnersPage, tier_filter);
  gtk_widget_class_bind_template_child (widget_class, PartnersPage, network_toggle);
  gtk_widget_class_bind_template_child (widget_class, PartnersPage, network);
  gtk_widget_class_bind_template_child (widget_class, PartnersPage, agreements);
  gtk_widget_class_bind_template_child (widget_class, PartnersPage, contacts);
  gtk_widget_class_bind_template_child (widget_class, PartnersPage, sites);
  gtk_widget_class_bind_template_child (widget_class, PartnersPage, capabilities);
  gtk_widget_class_bind_template_child (widget_class, PartnersPage, log);
  gtk_widget_class_bind_template_child (widget_class, PartnersPage, note_entry);
  gtk_widget_class_bind_template_callback (widget_class, partners_page_on_add);
  gtk_widget_class_bind_template_callback (widget_class, partners_page_on_reset_filters);
  gtk_widget_class_bind_template_callback (widget_class, partners_page_on_selected);
  gtk_widget_class_bind_template_callback (widget_class, partners_page_refilter);
  gtk_widget_class_bind_template_callback (widget_class, partners_page_on_network_toggled);
  gtk_widget_class_bind_template_callback (widget_class, partners_page_on_node_activated);
  gtk_widget_class_bind_template_callback (widget_class, partners_page_add_agreement);
  gtk_widget_class_bind_template_callback (widget_class, partners_page_edit_agreement);
  gtk_widget_class_bind_template_callback (widget_class, partners_page_remove_agreement);
  gtk_widget_class_bind_template_callback (widget_class, partners_page_add_contact);
  gtk_widget_class_bind_template_callback (widget_class, partners_page_edit_contact);
  gtk_widget_class_bind_template_callback (widget_class, partners_page_remove_contact);
  gtk_widget_class_bind_template_callback (widget_class, partners_page_add_site);
  gtk_widget_class_bind_template_callback (widget_class, partners_page_edit_site);
  gtk_widget_class_bind_template_callback (widget_class, partners_page_remove_site);
  gtk_widget_class_bind_template_callback (widget_class, partners_page_add_capability);
  gtk_widget_class_bind_template_callback (widget_class, partners_page_edit_capability);
  gtk_widget_class_bind_template_callback (widget_class, partners_page_remove_capability);
  gtk_widget_class_bind_template_callback (widget_class, partners_page_add_note);
  gtk_widget_class_bind_template_callback (widget_class, partners_page_on_note_changed);
  gtk_widget_class_bind_template_callback (widget_class, partners_page_remove_note);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
partners_page_init (PartnersPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
