/* partners-page.c: the partner directory
 *
 * A list of organisations (name, type, tier, next review, open issues)
 * with search, filters and sorting; beside it, the selected partner with
 * everything about it, edited in place, each edit one undo step; a
 * network view of who works with whom; an empty state that says how to
 * start.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "partners"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "partners.h"
#include "partners-page.h"

/* ------------------------------------------------------------------------ */
/* A row of the list                                                        */

struct _PartnersRow
{
  GObject  parent_instance;
  gint64   id;
  char    *name;
  char    *type;        /* code */
  char    *type_label;
  char    *tier;
  char    *next_review; /* YYYY-MM-DD or NULL */
  char    *flag;        /* the worst flag of its agreements, as a label, or NULL */
  char    *haystack;    /* lower case text the search looks in */
  guint    issues;
};

G_DEFINE_FINAL_TYPE (PartnersRow, partners_row, G_TYPE_OBJECT)

static void
partners_row_finalize (GObject *object)
{
  PartnersRow *self = PARTNERS_ROW (object);

  g_free (self->name);
  g_free (self->type);
  g_free (self->type_label);
  g_free (self->tier);
  g_free (self->next_review);
  g_free (self->flag);
  g_free (self->haystack);
  G_OBJECT_CLASS (partners_row_parent_class)->finalize (object);
}

static void
partners_row_class_init (PartnersRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = partners_row_finalize;
}

static void
partners_row_init (PartnersRow *self)
{
}

gint64 partners_row_get_id (PartnersRow *row) { return row->id; }
const char *partners_row_get_name (PartnersRow *row) { return row->name; }
const char *partners_row_get_flag (PartnersRow *row) { return row->flag; }
guint partners_row_get_issues (PartnersRow *row) { return row->issues; }

/* ------------------------------------------------------------------------ */

struct _PartnersPage
{
  GtkWidget        parent_instance;

  SteadWorkspace  *workspace;
  GListStore      *store;
  GtkFilterListModel *filtered;
  GtkSortListModel   *sorted;
  GtkSingleSelection *selection;
  GtkCustomFilter *filter;
  char            *search;
  char            *filter_type;
  char            *filter_tier;
  gint64           selected;
  gboolean         loading;

  GtkWidget       *stack;         /* empty / list */
  GtkWidget       *view_stack;    /* list / network */
  GtkWidget       *column_view;
  GtkWidget       *search_entry;
  GtkWidget       *type_dropdown;
  GtkStringList   *type_codes;
  GtkWidget       *tier_dropdown;
  GtkWidget       *detail;        /* scrolled window */
  GtkWidget       *detail_box;
  GtkWidget       *network;
  AdwToastOverlay *toasts;
};

G_DEFINE_FINAL_TYPE (PartnersPage, partners_page, GTK_TYPE_WIDGET)

static const char * const tiers[] = { "instrumental", "contributing", "occasional", NULL };

static const char *
tier_label (const char *tier)
{
  if (g_strcmp0 (tier, "instrumental") == 0)
    return _("Instrumental");
  if (g_strcmp0 (tier, "contributing") == 0)
    return _("Contributing");
  if (g_strcmp0 (tier, "occasional") == 0)
    return _("Occasional");
  return tier;
}

static void
today (GDate *date)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_date_clear (date, 1);
  g_date_set_dmy (date, g_date_time_get_day_of_month (now), g_date_time_get_month (now), g_date_time_get_year (now));
}

static void
show_error (PartnersPage *self,
            const GError *error)
{
  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (error->message));
}

/* ------------------------------------------------------------------------ */
/* Loading                                                                  */

static void rebuild_detail (PartnersPage *self);

static void
reload (PartnersPage *self)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) agreements = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  GDate now;
  guint position = GTK_INVALID_LIST_POSITION;

  today (&now);
  stmt = stead_workspace_prepare (self->workspace,
                                  "SELECT o.id, o.name, o.type, coalesce (t.label, o.type), o.tier, "
                                  "  lower (o.name || ' ' || coalesce (t.label, '') || ' ' || o.tier || ' ' || "
                                  "  coalesce (o.description, '') || ' ' || coalesce (o.areas_served, '') || ' ' || "
                                  "  coalesce ((SELECT group_concat (s.name || ' ' || coalesce (s.postcode, '') || ' ' || "
                                  "             coalesce (s.what, ''), ' ') FROM partners_site s WHERE s.organisation = o.id), '')) "
                                  "FROM partners_organisation o "
                                  "LEFT JOIN taxonomy t ON t.vocabulary = 'partner-type' AND t.code = o.type",
                                  NULL);
  agreements = stead_workspace_prepare (self->workspace,
                                        "SELECT a.review, a.expiry, a.status FROM partners_agreement a "
                                        "JOIN partners_agreement_party p ON p.agreement = a.id WHERE p.organisation = ?",
                                        NULL);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      PartnersRow *row = g_object_new (PARTNERS_TYPE_ROW, NULL);
      PartnersFlag worst = PARTNERS_FLAG_NONE;
      g_autoptr(GString) haystack = g_string_new ((const char *) sqlite3_column_text (stmt, 5));

      row->id = sqlite3_column_int64 (stmt, 0);
      row->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      row->type = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      row->type_label = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      row->tier = g_strdup ((const char *) sqlite3_column_text (stmt, 4));

      sqlite3_bind_int64 (agreements, 1, row->id);
      while (sqlite3_step (agreements) == SQLITE_ROW)
        {
          const char *review = (const char *) sqlite3_column_text (agreements, 0);
          const char *status = (const char *) sqlite3_column_text (agreements, 2);
          PartnersFlag flag = partners_agreement_flag (review, (const char *) sqlite3_column_text (agreements, 1),
                                                       status, &now);

          if (flag != PARTNERS_FLAG_NONE)
            row->issues++;
          worst = MAX (worst, flag);
          if (review != NULL && g_strcmp0 (status, "ended") != 0 &&
              (row->next_review == NULL || strcmp (review, row->next_review) < 0))
            {
              g_free (row->next_review);
              row->next_review = g_strdup (review);
            }
        }
      sqlite3_reset (agreements);
      if (worst != PARTNERS_FLAG_NONE)
        {
          g_autofree char *lower = g_utf8_strdown (partners_flag_label (worst), -1);

          row->flag = g_strdup (partners_flag_label (worst));
          g_string_append_printf (haystack, " %s", lower);
        }
      row->haystack = g_string_free (g_steal_pointer (&haystack), FALSE);
      g_ptr_array_add (rows, row);
    }

  self->loading = TRUE;
  g_list_store_splice (self->store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                       rows->pdata, rows->len);
  self->loading = FALSE;

  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), rows->len > 0 ? "list" : "empty");

  /* Keep the selection on the same partner. */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->sorted)); i++)
    {
      g_autoptr(PartnersRow) row = g_list_model_get_item (G_LIST_MODEL (self->sorted), i);

      if (row->id == self->selected)
        position = i;
    }
  if (position == GTK_INVALID_LIST_POSITION)
    self->selected = 0;
  gtk_single_selection_set_selected (self->selection, position);
  rebuild_detail (self);
  partners_network_load (PARTNERS_NETWORK (self->network), self->workspace);
}

static void
on_changed (PartnersPage       *self,
            const char * const *tables,
            SteadWorkspace     *workspace)
{
  for (guint i = 0; tables[i] != NULL; i++)
    if (g_str_has_prefix (tables[i], "partners_") || g_str_equal (tables[i], "taxonomy"))
      {
        reload (self);
        return;
      }
}

/* ------------------------------------------------------------------------ */
/* The detail pane                                                          */

static gboolean
apply (PartnersPage *self,
       const char   *field,
       const char   *value)
{
  g_autoptr(GError) error = NULL;

  if (self->selected == 0)
    return FALSE;
  if (!partners_organisation_set (self->workspace, self->selected, field, value, &error))
    {
      show_error (self, error);
      rebuild_detail (self);
      return FALSE;
    }
  return TRUE;
}

static void
on_entry_apply (GtkWidget    *row,
                PartnersPage *self)
{
  g_autofree char *value = stead_detail_row_get_value (row);

  apply (self, stead_detail_row_get_field (row), value);
}

static GtkWidget *
entry_row (PartnersPage *self,
           const char   *title,
           const char   *field,
           const char   *value)
{
  return stead_detail_entry_row_new (title, field, value, G_CALLBACK (on_entry_apply), self);
}

static void
on_combo_selected (GtkWidget    *row,
                   GParamSpec   *pspec,
                   PartnersPage *self)
{
  g_autofree char *value = NULL;

  if (self->loading || (value = stead_detail_row_get_value (row)) == NULL)
    return;
  apply (self, stead_detail_row_get_field (row), value);
}

static GtkWidget *
combo_row (PartnersPage *self,
           const char   *title,
           const char   *field,
           GListModel   *codes,
           GListModel   *labels,
           const char   *value)
{
  return stead_detail_combo_row_new (title, field, codes, labels, value, G_CALLBACK (on_combo_selected), self);
}

static void
on_remove_response (AdwMessageDialog *dialog,
                    const char       *response,
                    PartnersPage     *self)
{
  g_autoptr(GError) error = NULL;
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "id"));

  if (g_str_equal (response, "remove") && !partners_organisation_delete (self->workspace, id, &error))
    show_error (self, error);
  else if (g_str_equal (response, "remove"))
    adw_toast_overlay_add_toast (self->toasts, adw_toast_new (_("Partner removed (Ctrl+Z to undo)")));
}

static void
remove_clicked (PartnersPage *self)
{
  g_autofree char *name = partners_get_organisation_name (self->workspace, self->selected);
  GtkWidget *dialog;

  if (name == NULL)
    return;
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), _("Remove Partner?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("“%s”, its contacts, sites, capabilities and notes will be removed. "
                                    "You can undo this."), name);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "remove", _("_Remove"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove", ADW_RESPONSE_DESTRUCTIVE);
  g_object_set_data (G_OBJECT (dialog), "id", GSIZE_TO_POINTER ((gsize) self->selected));
  g_signal_connect (dialog, "response", G_CALLBACK (on_remove_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_add_note (AdwEntryRow  *row,
             PartnersPage *self)
{
  g_autoptr(GError) error = NULL;
  const char *note = gtk_editable_get_text (GTK_EDITABLE (row));

  if (*note == '\0')
    return;
  if (partners_log_add (self->workspace, self->selected, NULL, note, &error) == 0)
    show_error (self, error);
}

/* ------------------------------------------------------------------------ */
/* Forms for contacts, sites, capabilities and agreements                   */

typedef struct
{
  const char *key;
  const char *label;
  const char *value;
  GListModel *codes;    /* (nullable): a choice; then labels too */
  GListModel *labels;
} FormField;

typedef void (*FormSave) (PartnersPage *self,
                          GHashTable   *values,
                          gint64        id);

typedef struct
{
  PartnersPage *page;
  FormSave      save;
  gint64        id;
  GPtrArray    *rows;     /* widgets, in field order */
  GPtrArray    *keys;
  GPtrArray    *codes;    /* GListModel or NULL per field */
} Form;

static void
form_free (Form *form)
{
  g_ptr_array_unref (form->rows);
  g_ptr_array_unref (form->keys);
  g_ptr_array_unref (form->codes);
  g_free (form);
}

static void
form_closure_free (gpointer  data,
                   GClosure *closure)
{
  form_free (data);
}

static void
on_form_response (AdwMessageDialog *dialog,
                  const char       *response,
                  Form             *form)
{
  g_autoptr(GHashTable) values = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  if (!g_str_equal (response, "save"))
    return;
  for (guint i = 0; i < form->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (form->rows, i);
      GListModel *codes = g_ptr_array_index (form->codes, i);
      char *value;

      if (codes != NULL)
        {
          g_autoptr(GtkStringObject) code = g_list_model_get_item (codes, adw_combo_row_get_selected (ADW_COMBO_ROW (row)));

          value = g_strdup (code ? gtk_string_object_get_string (code) : "");
        }
      else
        value = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
      g_hash_table_insert (values, g_ptr_array_index (form->keys, i), value);
    }
  form->save (form->page, values, form->id);
}

static void
form_dialog (PartnersPage    *self,
             const char      *title,
             const FormField *fields,
             guint            n_fields,
             FormSave         save,
             gint64           id)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), title, NULL);
  GtkWidget *list = gtk_list_box_new ();
  Form *form = g_new0 (Form, 1);

  form->page = self;
  form->save = save;
  form->id = id;
  form->rows = g_ptr_array_new ();
  form->keys = g_ptr_array_new ();
  form->codes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_object_unref);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  for (guint i = 0; i < n_fields; i++)
    {
      GtkWidget *row;

      if (fields[i].codes != NULL)
        {
          row = adw_combo_row_new ();
          adw_combo_row_set_model (ADW_COMBO_ROW (row), fields[i].labels);
          for (guint j = 0; j < g_list_model_get_n_items (fields[i].codes); j++)
            {
              g_autoptr(GtkStringObject) code = g_list_model_get_item (fields[i].codes, j);

              if (g_strcmp0 (gtk_string_object_get_string (code), fields[i].value) == 0)
                adw_combo_row_set_selected (ADW_COMBO_ROW (row), j);
            }
          g_ptr_array_add (form->codes, g_object_ref (fields[i].codes));
        }
      else
        {
          row = adw_entry_row_new ();
          gtk_editable_set_text (GTK_EDITABLE (row), fields[i].value ? fields[i].value : "");
          g_ptr_array_add (form->codes, NULL);
        }
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), fields[i].label);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
      g_ptr_array_add (form->rows, row);
      g_ptr_array_add (form->keys, (gpointer) fields[i].key);
    }
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_form_response), form, form_closure_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static const char *
value_of (GHashTable *values,
          const char *key)
{
  const char *value = g_hash_table_lookup (values, key);

  return value != NULL && *value != '\0' ? value : NULL;
}

static gboolean
int_of (PartnersPage *self,
        GHashTable   *values,
        const char   *key,
        const char   *label,
        gint64       *out)
{
  const char *text = value_of (values, key);

  *out = -1;
  if (text == NULL)
    return TRUE;
  if (!stead_import_parse_int (text, 0, G_MAXINT32, out))
    {
      g_autofree char *message = g_strdup_printf (_("%s “%s” is not a whole number"), label, text);

      adw_toast_overlay_add_toast (self->toasts, adw_toast_new (message));
      return FALSE;
    }
  return TRUE;
}

static void
save_contact (PartnersPage *self,
              GHashTable   *v,
              gint64        id)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (id != 0)
    ok = partners_contact_update (self->workspace, id, value_of (v, "name"), value_of (v, "role"), value_of (v, "phone"),
                                  value_of (v, "phone_24h"), value_of (v, "email"), &error);
  else
    ok = partners_contact_add (self->workspace, self->selected, value_of (v, "name"), value_of (v, "role"),
                               value_of (v, "phone"), value_of (v, "phone_24h"), value_of (v, "email"), &error) != 0;
  if (!ok)
    show_error (self, error);
}

static void
contact_form (PartnersPage *self,
              gint64        id)
{
  g_autoptr(sqlite3_stmt) stmt = stead_workspace_prepare (self->workspace,
    "SELECT name, role, phone, phone_24h, email FROM partners_contact WHERE id = ?", NULL);
  gboolean found;

  sqlite3_bind_int64 (stmt, 1, id);
  found = id != 0 && sqlite3_step (stmt) == SQLITE_ROW;
#define C(i) (found ? (const char *) sqlite3_column_text (stmt, i) : NULL)
  {
    const FormField fields[] = {
      { "name", _("Name"), C (0) }, { "role", _("Role"), C (1) }, { "phone", _("Phone"), C (2) },
      { "phone_24h", _("24/7 Phone"), C (3) }, { "email", _("Email"), C (4) },
    };

    form_dialog (self, id ? _("Edit Contact") : _("Add Contact"), fields, G_N_ELEMENTS (fields), save_contact, id);
  }
#undef C
}

static void
save_site (PartnersPage *self,
           GHashTable   *v,
           gint64        id)
{
  g_autoptr(GError) error = NULL;
  const char *lon_text = value_of (v, "longitude"), *lat_text = value_of (v, "latitude");
  double lon_lat[2];
  gboolean has_position = FALSE;
  gint64 capacity;
  gboolean ok;

  if (!int_of (self, v, "capacity", _("Capacity"), &capacity))
    return;
  if (lon_text != NULL || lat_text != NULL)
    {
      if (lon_text == NULL || lat_text == NULL || !stead_import_parse_double (lon_text, &lon_lat[0]) ||
          !stead_import_parse_double (lat_text, &lon_lat[1]))
        {
          adw_toast_overlay_add_toast (self->toasts, adw_toast_new (_("Give both longitude and latitude, in degrees, or neither")));
          return;
        }
      has_position = TRUE;
    }
  if (id != 0)
    ok = partners_site_update (self->workspace, id, value_of (v, "name"), value_of (v, "what"), value_of (v, "address"),
                               value_of (v, "postcode"), capacity, has_position ? lon_lat : NULL, &error);
  else
    ok = partners_site_add (self->workspace, self->selected, value_of (v, "name"), value_of (v, "what"),
                            value_of (v, "address"), value_of (v, "postcode"), capacity,
                            has_position ? lon_lat : NULL, &error) != 0;
  if (!ok)
    show_error (self, error);
}

static void
site_form (PartnersPage *self,
           gint64        fid)
{
  g_autoptr(sqlite3_stmt) stmt = stead_workspace_prepare (self->workspace,
    "SELECT name, what, address, postcode, capacity, ST_MinX (geom), ST_MinY (geom) FROM partners_site WHERE fid = ?", NULL);
  gboolean found;

  sqlite3_bind_int64 (stmt, 1, fid);
  found = fid != 0 && sqlite3_step (stmt) == SQLITE_ROW;
#define C(i) (found ? (const char *) sqlite3_column_text (stmt, i) : NULL)
  {
    const FormField fields[] = {
      { "name", _("Name"), C (0) }, { "what", _("What Is There"), C (1) }, { "address", _("Address"), C (2) },
      { "postcode", _("Postcode (places it on the map if no position)"), C (3) }, { "capacity", _("Capacity"), C (4) },
      { "longitude", _("Longitude"), C (5) }, { "latitude", _("Latitude"), C (6) },
    };

    form_dialog (self, fid ? _("Edit Site") : _("Add Site"), fields, G_N_ELEMENTS (fields), save_site, fid);
  }
#undef C
}

static void
save_capability (PartnersPage *self,
                 GHashTable   *v,
                 gint64        id)
{
  g_autoptr(GError) error = NULL;
  gint64 quantity, lead, site = 0;

  if (!int_of (self, v, "quantity", _("Quantity"), &quantity) || !int_of (self, v, "lead", _("Lead time"), &lead))
    return;
  if (value_of (v, "site") != NULL)
    site = g_ascii_strtoll (value_of (v, "site"), NULL, 10);
  /* An empty quantity means one. */
  if (quantity < 0)
    quantity = 1;
  if (id != 0 ? !partners_capability_update (self->workspace, id, site, value_of (v, "kind"), quantity,
                                             value_of (v, "conditions"), lead, &error)
              : partners_capability_add (self->workspace, self->selected, site, value_of (v, "kind"), quantity,
                                         value_of (v, "conditions"), lead, &error) == 0)
    show_error (self, error);
}

static void
capability_form (PartnersPage *self,
                 gint64        id)
{
  g_autoptr(sqlite3_stmt) stmt = stead_workspace_prepare (self->workspace,
    "SELECT kind, quantity, site, conditions, lead_time_hours FROM partners_capability WHERE id = ?", NULL);
  g_autoptr(sqlite3_stmt) kinds = stead_workspace_prepare (self->workspace,
    "SELECT code, label FROM taxonomy WHERE vocabulary = 'resource-kind' ORDER BY sort", NULL);
  g_autoptr(sqlite3_stmt) sites = stead_workspace_prepare (self->workspace,
    "SELECT fid, name FROM partners_site WHERE organisation = ? ORDER BY fid", NULL);
  g_autoptr(GtkStringList) kind_codes = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) kind_labels = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) site_codes = gtk_string_list_new ((const char * const[]) { "", NULL });
  g_autoptr(GtkStringList) site_labels = gtk_string_list_new ((const char * const[]) { _("Not at a site"), NULL });
  gboolean found;

  while (sqlite3_step (kinds) == SQLITE_ROW)
    {
      gtk_string_list_append (kind_codes, (const char *) sqlite3_column_text (kinds, 0));
      gtk_string_list_append (kind_labels, (const char *) sqlite3_column_text (kinds, 1));
    }
  sqlite3_bind_int64 (sites, 1, self->selected);
  while (sqlite3_step (sites) == SQLITE_ROW)
    {
      gtk_string_list_append (site_codes, (const char *) sqlite3_column_text (sites, 0));
      gtk_string_list_append (site_labels, (const char *) sqlite3_column_text (sites, 1));
    }
  sqlite3_bind_int64 (stmt, 1, id);
  found = id != 0 && sqlite3_step (stmt) == SQLITE_ROW;
#define C(i) (found ? (const char *) sqlite3_column_text (stmt, i) : NULL)
  {
    const FormField fields[] = {
      { "kind", _("Kind"), C (0), G_LIST_MODEL (kind_codes), G_LIST_MODEL (kind_labels) },
      { "quantity", _("Quantity"), found ? C (1) : "1" },
      { "site", _("Site"), C (2), G_LIST_MODEL (site_codes), G_LIST_MODEL (site_labels) },
      { "conditions", _("Conditions"), C (3) },
      { "lead", _("Lead Time (hours)"), C (4) },
    };

    form_dialog (self, id ? _("Edit Capability") : _("Add Capability"), fields, G_N_ELEMENTS (fields), save_capability, id);
  }
#undef C
}

static void
save_agreement (PartnersPage *self,
                GHashTable   *v,
                gint64        id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) parties = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) orgs = partners_list_organisations (self->workspace);
  g_auto(GStrv) names = g_strsplit (value_of (v, "parties") ? value_of (v, "parties") : "", ";", -1);

  g_array_append_val (parties, self->selected);
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *name = g_strstrip (g_strdup (names[i]));
      gboolean matched = FALSE;

      if (*name == '\0')
        continue;
      for (guint j = 0; j < orgs->len; j++)
        {
          PartnersOrganisationRef *ref = g_ptr_array_index (orgs, j);

          if (g_utf8_collate (ref->name, name) == 0 || g_ascii_strcasecmp (ref->name, name) == 0)
            {
              g_array_append_val (parties, ref->id);
              matched = TRUE;
              break;
            }
        }
      if (!matched)
        {
          g_autofree char *message = g_strdup_printf (_("No partner called “%s”"), name);

          adw_toast_overlay_add_toast (self->toasts, adw_toast_new (message));
          return;
        }
    }
  if (partners_agreement_save (self->workspace, id, value_of (v, "title"), value_of (v, "kind"), value_of (v, "scope"),
                               value_of (v, "data_fields"), value_of (v, "signed"), value_of (v, "review"),
                               value_of (v, "expiry"), value_of (v, "status"), value_of (v, "document"),
                               (const gint64 *) (gpointer) parties->data, parties->len, &error) == 0)
    show_error (self, error);
}

static void
agreement_form (PartnersPage *self,
                gint64        id)
{
  static const char * const kinds[] = { "mou", "data-sharing", "mutual-aid", "contract", "other", NULL };
  static const char * const statuses[] = { "draft", "active", "lapsed", "ended", NULL };
  g_autoptr(sqlite3_stmt) stmt = stead_workspace_prepare (self->workspace,
    "SELECT title, kind, scope, data_fields, signed, review, expiry, status, document, "
    "  (SELECT group_concat (o.name, '; ') FROM partners_agreement_party p JOIN partners_organisation o ON o.id = p.organisation "
    "   WHERE p.agreement = a.id AND p.organisation != ?2) "
    "FROM partners_agreement a WHERE id = ?1", NULL);
  g_autoptr(GtkStringList) kind_codes = gtk_string_list_new ((const char * const *) kinds);
  g_autoptr(GtkStringList) kind_labels = gtk_string_list_new ((const char * const[]) {
    _("Memorandum of understanding"), _("Data-sharing agreement"), _("Mutual aid agreement"), _("Contract"), _("Other"), NULL });
  g_autoptr(GtkStringList) status_codes = gtk_string_list_new ((const char * const *) statuses);
  g_autoptr(GtkStringList) status_labels = gtk_string_list_new ((const char * const[]) {
    _("Draft"), _("Active"), _("Lapsed"), _("Ended"), NULL });
  gboolean found;

  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, self->selected);
  found = id != 0 && sqlite3_step (stmt) == SQLITE_ROW;
#define C(i) (found ? (const char *) sqlite3_column_text (stmt, i) : NULL)
  {
    const FormField fields[] = {
      { "title", _("Title"), C (0) },
      { "kind", _("Kind"), found ? C (1) : "mou", G_LIST_MODEL (kind_codes), G_LIST_MODEL (kind_labels) },
      { "parties", _("Other Parties (names, separated by ;)"), C (9) },
      { "scope", _("Scope"), C (2) },
      { "data_fields", _("Data Shared (for data-sharing)"), C (3) },
      { "signed", _("Signed (YYYY-MM-DD)"), C (4) },
      { "review", _("Review (YYYY-MM-DD)"), C (5) },
      { "expiry", _("Expiry (YYYY-MM-DD)"), C (6) },
      { "status", _("Status"), found ? C (7) : "active", G_LIST_MODEL (status_codes), G_LIST_MODEL (status_labels) },
      { "document", _("Document Link"), C (8) },
    };

    form_dialog (self, id ? _("Edit Agreement") : _("Add Agreement"), fields, G_N_ELEMENTS (fields), save_agreement, id);
  }
#undef C
}

typedef enum { ITEM_CONTACT, ITEM_SITE, ITEM_CAPABILITY, ITEM_AGREEMENT, ITEM_LOG } ItemKind;

static void
on_item_edit (GtkButton    *button,
              PartnersPage *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "id"));

  switch ((ItemKind) GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "kind")))
    {
    case ITEM_CONTACT: contact_form (self, id); break;
    case ITEM_SITE: site_form (self, id); break;
    case ITEM_CAPABILITY: capability_form (self, id); break;
    case ITEM_AGREEMENT: agreement_form (self, id); break;
    case ITEM_LOG:
    default:
      break;
    }
}

static void
on_item_delete (GtkButton    *button,
                PartnersPage *self)
{
  g_autoptr(GError) error = NULL;
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "id"));
  gboolean ok = FALSE;

  switch ((ItemKind) GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "kind")))
    {
    case ITEM_CONTACT: ok = partners_contact_delete (self->workspace, id, &error); break;
    case ITEM_SITE: ok = partners_site_delete (self->workspace, id, &error); break;
    case ITEM_CAPABILITY: ok = partners_capability_delete (self->workspace, id, &error); break;
    case ITEM_AGREEMENT: ok = partners_agreement_delete (self->workspace, id, &error); break;
    case ITEM_LOG: ok = partners_log_delete (self->workspace, id, &error); break;
    default: break;
    }
  if (!ok)
    show_error (self, error);
  else
    adw_toast_overlay_add_toast (self->toasts, adw_toast_new (_("Removed (Ctrl+Z to undo)")));
}

static void
add_item_buttons (PartnersPage *self,
                  GtkWidget    *row,
                  ItemKind      kind,
                  gint64        id)
{
  for (int i = 0; i < 2; i++)
    {
      GtkWidget *button;

      if (i == 0 && kind == ITEM_LOG)
        continue;
      button = gtk_button_new_from_icon_name (i == 0 ? "document-edit-symbolic" : "user-trash-symbolic");
      gtk_widget_set_tooltip_text (button, i == 0 ? _("Edit") : _("Remove"));
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      g_object_set_data (G_OBJECT (button), "id", GSIZE_TO_POINTER ((gsize) id));
      g_object_set_data (G_OBJECT (button), "kind", GINT_TO_POINTER (kind));
      g_signal_connect (button, "clicked", G_CALLBACK (i == 0 ? on_item_edit : on_item_delete), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
}

static void
on_group_add (GtkButton    *button,
              PartnersPage *self)
{
  switch ((ItemKind) GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "kind")))
    {
    case ITEM_CONTACT: contact_form (self, 0); break;
    case ITEM_SITE: site_form (self, 0); break;
    case ITEM_CAPABILITY: capability_form (self, 0); break;
    case ITEM_AGREEMENT: agreement_form (self, 0); break;
    case ITEM_LOG:
    default:
      break;
    }
}

static void
add_group_button (PartnersPage *self,
                  GtkWidget    *group_widget,
                  ItemKind      kind,
                  const char   *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("list-add-symbolic");

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_add_css_class (button, "flat");
  g_object_set_data (G_OBJECT (button), "kind", GINT_TO_POINTER (kind));
  g_signal_connect (button, "clicked", G_CALLBACK (on_group_add), self);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group_widget), button);
}

static void
rebuild_detail (PartnersPage *self)
{
  g_autoptr(sqlite3_stmt) org = NULL;
  g_autoptr(GtkStringList) type_labels = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) type_codes = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) tier_labels = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) tier_codes = gtk_string_list_new ((const char * const *) tiers);
  GtkWidget *box, *g, *button;
  GDate now;

  today (&now);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);

  if (self->selected != 0)
    {
      org = stead_workspace_prepare (self->workspace,
                                     "SELECT name, type, tier, description, website, charity_number, company_number, "
                                     "areas_served, notes FROM partners_organisation WHERE id = ?", NULL);
      sqlite3_bind_int64 (org, 1, self->selected);
    }
  if (org == NULL || sqlite3_step (org) != SQLITE_ROW)
    {
      GtkWidget *status = adw_status_page_new ();

      adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "system-users-symbolic");
      adw_status_page_set_title (ADW_STATUS_PAGE (status), _("No Partner Selected"));
      adw_status_page_set_description (ADW_STATUS_PAGE (status), _("Choose a partner from the list to see and edit it."));
      gtk_box_append (GTK_BOX (box), status);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->detail), box);
      self->detail_box = box;
      return;
    }

#define TEXT(i) ((const char *) sqlite3_column_text (org, i))
  {
    g_autoptr(sqlite3_stmt) types = stead_workspace_prepare (self->workspace,
                                                             "SELECT code, label FROM taxonomy WHERE vocabulary = 'partner-type' "
                                                             "ORDER BY sort", NULL);

    while (types != NULL && sqlite3_step (types) == SQLITE_ROW)
      {
        gtk_string_list_append (type_codes, (const char *) sqlite3_column_text (types, 0));
        gtk_string_list_append (type_labels, (const char *) sqlite3_column_text (types, 1));
      }
    for (guint i = 0; tiers[i] != NULL; i++)
      gtk_string_list_append (tier_labels, tier_label (tiers[i]));
  }

  self->loading = TRUE;
  g = stead_detail_group_new (TEXT (0), NULL);
  button = gtk_button_new_with_mnemonic (_("_Remove…"));
  gtk_widget_add_css_class (button, "destructive-action");
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (remove_clicked), self);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (g), button);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), entry_row (self, _("Name"), "name", TEXT (0)));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (g),
                             combo_row (self, _("Type"), "type", G_LIST_MODEL (type_codes), G_LIST_MODEL (type_labels), TEXT (1)));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (g),
                             combo_row (self, _("Tier"), "tier", G_LIST_MODEL (tier_codes), G_LIST_MODEL (tier_labels), TEXT (2)));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), entry_row (self, _("Description"), "description", TEXT (3)));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), entry_row (self, _("Website"), "website", TEXT (4)));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), entry_row (self, _("Charity Number"), "charity_number", TEXT (5)));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), entry_row (self, _("Company Number"), "company_number", TEXT (6)));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), entry_row (self, _("Areas Served"), "areas_served", TEXT (7)));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), entry_row (self, _("Notes"), "notes", TEXT (8)));
  gtk_box_append (GTK_BOX (box), g);
  self->loading = FALSE;
#undef TEXT

  /* Agreements first: what needs attention. */
  {
    g_autoptr(sqlite3_stmt) stmt = stead_workspace_prepare (self->workspace,
      "SELECT a.title, a.kind, a.review, a.expiry, a.status, a.scope, a.data_fields, "
      "  (SELECT group_concat (o.name, ', ') FROM partners_agreement_party q JOIN partners_organisation o ON o.id = q.organisation "
      "   WHERE q.agreement = a.id AND q.organisation != ?1), a.id "
      "FROM partners_agreement a JOIN partners_agreement_party p ON p.agreement = a.id "
      "WHERE p.organisation = ?1 ORDER BY a.review", NULL);

    g = stead_detail_group_new (_("Agreements"), NULL);
    add_group_button (self, g, ITEM_AGREEMENT, _("Add Agreement"));
    sqlite3_bind_int64 (stmt, 1, self->selected);
    while (sqlite3_step (stmt) == SQLITE_ROW)
      {
        PartnersFlag flag = partners_agreement_flag ((const char *) sqlite3_column_text (stmt, 2),
                                                     (const char *) sqlite3_column_text (stmt, 3),
                                                     (const char *) sqlite3_column_text (stmt, 4), &now);
        g_autofree char *subtitle = g_strdup_printf (_("With %s · review %s · expires %s%s%s"),
                                                     sqlite3_column_text (stmt, 7) ? (const char *) sqlite3_column_text (stmt, 7) : _("no other party"),
                                                     sqlite3_column_text (stmt, 2) ? (const char *) sqlite3_column_text (stmt, 2) : "—",
                                                     sqlite3_column_text (stmt, 3) ? (const char *) sqlite3_column_text (stmt, 3) : "—",
                                                     sqlite3_column_text (stmt, 6) ? _("\nData shared: ") : "",
                                                     sqlite3_column_text (stmt, 6) ? (const char *) sqlite3_column_text (stmt, 6) : "");
        GtkWidget *row = stead_detail_info_row_new ((const char *) sqlite3_column_text (stmt, 0), subtitle);

        if (flag != PARTNERS_FLAG_NONE)
          {
            GtkWidget *badge = gtk_label_new (partners_flag_label (flag));

            gtk_widget_add_css_class (badge, flag == PARTNERS_FLAG_REVIEW_DUE ? "warning" : "error");
            gtk_widget_add_css_class (badge, "caption-heading");
            gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
            adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge);
          }
        add_item_buttons (self, row, ITEM_AGREEMENT, sqlite3_column_int64 (stmt, 8));
        adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), row);
      }
    gtk_box_append (GTK_BOX (box), g);
  }

  {
    g_autoptr(sqlite3_stmt) stmt = stead_workspace_prepare (self->workspace,
      "SELECT name, role, phone, phone_24h, email, id FROM partners_contact WHERE organisation = ? ORDER BY id", NULL);

    g = stead_detail_group_new (_("Contacts"), NULL);
    add_group_button (self, g, ITEM_CONTACT, _("Add Contact"));
    sqlite3_bind_int64 (stmt, 1, self->selected);
    while (sqlite3_step (stmt) == SQLITE_ROW)
      {
        g_autoptr(GString) sub = g_string_new ((const char *) sqlite3_column_text (stmt, 1));

        for (int c = 2; c <= 4; c++)
          if (sqlite3_column_text (stmt, c) != NULL)
            g_string_append_printf (sub, "%s%s%s", sub->len ? " · " : "", c == 3 ? _("24/7: ") : "",
                                    (const char *) sqlite3_column_text (stmt, c));
        GtkWidget *row = stead_detail_info_row_new ((const char *) sqlite3_column_text (stmt, 0), sub->str);

        add_item_buttons (self, row, ITEM_CONTACT, sqlite3_column_int64 (stmt, 5));
        adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), row);
      }
    gtk_box_append (GTK_BOX (box), g);
  }

  {
    g_autoptr(sqlite3_stmt) stmt = stead_workspace_prepare (self->workspace,
      "SELECT s.name, s.what, s.address, s.postcode, s.capacity, "
      "  (SELECT group_concat (coalesce (t.label, c.kind) || ' × ' || c.quantity, ', ') FROM partners_capability c "
      "   LEFT JOIN taxonomy t ON t.vocabulary = 'resource-kind' AND t.code = c.kind WHERE c.site = s.fid), "
      "  s.fid, s.geom IS NULL "
      "FROM partners_site s WHERE s.organisation = ? ORDER BY s.fid", NULL);

    g = stead_detail_group_new (_("Sites"), _("Sites with capabilities are shown on the map as resources."));
    add_group_button (self, g, ITEM_SITE, _("Add Site"));
    sqlite3_bind_int64 (stmt, 1, self->selected);
    while (sqlite3_step (stmt) == SQLITE_ROW)
      {
        g_autofree char *sub = g_strdup_printf ("%s · %s %s%s%s", sqlite3_column_text (stmt, 1) ? (const char *) sqlite3_column_text (stmt, 1) : "",
                                                sqlite3_column_text (stmt, 2) ? (const char *) sqlite3_column_text (stmt, 2) : "",
                                                sqlite3_column_text (stmt, 3) ? (const char *) sqlite3_column_text (stmt, 3) : "",
                                                sqlite3_column_text (stmt, 5) ? "\n" : "",
                                                sqlite3_column_text (stmt, 5) ? (const char *) sqlite3_column_text (stmt, 5) : "");

        GtkWidget *row = stead_detail_info_row_new ((const char *) sqlite3_column_text (stmt, 0), sub);

        if (sqlite3_column_int (stmt, 7))
          {
            GtkWidget *badge = gtk_label_new (_("Not on the map"));

            gtk_widget_set_tooltip_text (badge, _("Give it a position, or a postcode in the postcode directory"));
            gtk_widget_add_css_class (badge, "warning");
            gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
            adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge);
          }
        add_item_buttons (self, row, ITEM_SITE, sqlite3_column_int64 (stmt, 6));
        adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), row);
      }
    gtk_box_append (GTK_BOX (box), g);
  }

  {
    g_autoptr(sqlite3_stmt) stmt = stead_workspace_prepare (self->workspace,
      "SELECT coalesce (t.label, c.kind), c.quantity, c.conditions, c.lead_time_hours, c.id FROM partners_capability c "
      "LEFT JOIN taxonomy t ON t.vocabulary = 'resource-kind' AND t.code = c.kind WHERE c.organisation = ? ORDER BY c.id", NULL);

    g = stead_detail_group_new (_("Capabilities"), NULL);
    add_group_button (self, g, ITEM_CAPABILITY, _("Add Capability"));
    sqlite3_bind_int64 (stmt, 1, self->selected);
    while (sqlite3_step (stmt) == SQLITE_ROW)
      {
        g_autofree char *sub = sqlite3_column_type (stmt, 3) != SQLITE_NULL
          ? g_strdup_printf (_("Quantity %d · ready in %d hours%s%s"), sqlite3_column_int (stmt, 1), sqlite3_column_int (stmt, 3),
                             sqlite3_column_text (stmt, 2) ? " · " : "", sqlite3_column_text (stmt, 2) ? (const char *) sqlite3_column_text (stmt, 2) : "")
          : g_strdup_printf (_("Quantity %d"), sqlite3_column_int (stmt, 1));
        GtkWidget *row = stead_detail_info_row_new ((const char *) sqlite3_column_text (stmt, 0), sub);

        add_item_buttons (self, row, ITEM_CAPABILITY, sqlite3_column_int64 (stmt, 4));
        adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), row);
      }
    gtk_box_append (GTK_BOX (box), g);
  }

  {
    g_autoptr(sqlite3_stmt) stmt = stead_workspace_prepare (self->workspace,
      "SELECT date, note, id FROM partners_log WHERE organisation = ? ORDER BY date DESC, id DESC", NULL);
    GtkWidget *add = adw_entry_row_new ();

    g = stead_detail_group_new (_("Relationship Log"), NULL);
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (add), _("Add a note of contact today"));
    adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (add), TRUE);
    g_signal_connect (add, "apply", G_CALLBACK (on_add_note), self);
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), add);
    sqlite3_bind_int64 (stmt, 1, self->selected);
    while (sqlite3_step (stmt) == SQLITE_ROW)
      {
        GtkWidget *row = stead_detail_info_row_new ((const char *) sqlite3_column_text (stmt, 1), (const char *) sqlite3_column_text (stmt, 0));

        add_item_buttons (self, row, ITEM_LOG, sqlite3_column_int64 (stmt, 2));
        adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), row);
      }
    gtk_box_append (GTK_BOX (box), g);
  }

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->detail), box);
  self->detail_box = box;
}

/* ------------------------------------------------------------------------ */
/* The list                                                                 */

static gboolean
match (gpointer item,
       gpointer user_data)
{
  PartnersPage *self = user_data;
  PartnersRow *row = item;

  if (self->filter_type != NULL && g_strcmp0 (row->type, self->filter_type) != 0)
    return FALSE;
  if (self->filter_tier != NULL && g_strcmp0 (row->tier, self->filter_tier) != 0)
    return FALSE;
  if (self->search != NULL && *self->search != '\0')
    {
      g_auto(GStrv) words = g_strsplit (self->search, " ", -1);

      for (guint i = 0; words[i] != NULL; i++)
        if (*words[i] != '\0' && strstr (row->haystack, words[i]) == NULL)
          return FALSE;
    }
  return TRUE;
}

static void
refilter (PartnersPage *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

void
partners_page_set_search (PartnersPage *self,
                          const char   *text)
{
  g_free (self->search);
  self->search = text != NULL ? g_utf8_strdown (text, -1) : NULL;
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), text ? text : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
  refilter (self);
}

void
partners_page_set_filter (PartnersPage *self,
                          const char   *type,
                          const char   *tier)
{
  g_free (self->filter_type);
  self->filter_type = g_strdup (type);
  g_free (self->filter_tier);
  self->filter_tier = g_strdup (tier);
  refilter (self);
}

static void
on_search_changed (GtkSearchEntry *entry,
                   PartnersPage   *self)
{
  g_free (self->search);
  self->search = g_utf8_strdown (gtk_editable_get_text (GTK_EDITABLE (entry)), -1);
  refilter (self);
}

static void
on_type_filter (GtkDropDown  *dropdown,
                GParamSpec   *pspec,
                PartnersPage *self)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  g_clear_pointer (&self->filter_type, g_free);
  if (selected > 0 && selected != GTK_INVALID_LIST_POSITION)
    self->filter_type = g_strdup (gtk_string_list_get_string (self->type_codes, selected));
  refilter (self);
}

static void
on_tier_filter (GtkDropDown  *dropdown,
                GParamSpec   *pspec,
                PartnersPage *self)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  g_clear_pointer (&self->filter_tier, g_free);
  if (selected > 0 && selected != GTK_INVALID_LIST_POSITION)
    self->filter_tier = g_strdup (tiers[selected - 1]);
  refilter (self);
}

static void
on_selection_changed (GtkSingleSelection *selection,
                      GParamSpec         *pspec,
                      PartnersPage       *self)
{
  PartnersRow *row = gtk_single_selection_get_selected_item (selection);
  gint64 id = row != NULL ? row->id : 0;

  if (self->loading || id == self->selected)
    return;
  self->selected = id;
  rebuild_detail (self);
}

typedef enum { COL_NAME, COL_TYPE, COL_TIER, COL_REVIEW, COL_ISSUES } Column;

static void
setup_label (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
bind_label (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  data)
{
  PartnersRow *row = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  g_autofree char *text = NULL;

  gtk_widget_remove_css_class (label, "error");
  switch ((Column) GPOINTER_TO_INT (data))
    {
    case COL_NAME: text = g_strdup (row->name); break;
    case COL_TYPE: text = g_strdup (row->type_label); break;
    case COL_TIER: text = g_strdup (tier_label (row->tier)); break;
    case COL_REVIEW: text = g_strdup (row->next_review ? row->next_review : "—"); break;
    case COL_ISSUES:
      if (row->issues > 0)
        {
          text = g_strdup_printf ("%u · %s", row->issues, row->flag);
          gtk_widget_add_css_class (label, "error");
        }
      else
        text = g_strdup ("");
      break;
    default:
      g_assert_not_reached ();
    }
  gtk_label_set_text (GTK_LABEL (label), text);
}

static int
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      data)
{
  const PartnersRow *x = a, *y = b;

  switch ((Column) GPOINTER_TO_INT (data))
    {
    case COL_NAME: return g_utf8_collate (x->name, y->name);
    case COL_TYPE: return g_utf8_collate (x->type_label, y->type_label);
    case COL_TIER:
      {
        int ix = 0, iy = 0;

        for (int i = 0; tiers[i] != NULL; i++)
          {
            if (g_strcmp0 (x->tier, tiers[i]) == 0)
              ix = i;
            if (g_strcmp0 (y->tier, tiers[i]) == 0)
              iy = i;
          }
        return ix - iy;
      }
    case COL_REVIEW:
      /* Partners with no review date last. */
      if (x->next_review == NULL || y->next_review == NULL)
        return (x->next_review == NULL) - (y->next_review == NULL);
      return strcmp (x->next_review, y->next_review);
    case COL_ISSUES: return (int) y->issues - (int) x->issues;
    default:
      return 0;
    }
}

static void
add_column (PartnersPage *self,
            const char   *title,
            Column        column,
            gboolean      expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *col;
  GtkSorter *sorter;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_label), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_label), GINT_TO_POINTER (column));
  col = gtk_column_view_column_new (title, factory);
  sorter = GTK_SORTER (gtk_custom_sorter_new (compare_rows, GINT_TO_POINTER (column), NULL));
  gtk_column_view_column_set_sorter (col, sorter);
  gtk_column_view_column_set_expand (col, expand);
  gtk_column_view_column_set_resizable (col, TRUE);
  gtk_column_view_append_column (GTK_COLUMN_VIEW (self->column_view), col);
  if (column == COL_NAME)
    gtk_column_view_sort_by_column (GTK_COLUMN_VIEW (self->column_view), col, GTK_SORT_ASCENDING);
  g_object_unref (sorter);
  g_object_unref (col);
}

static void
on_add_response (AdwMessageDialog *dialog,
                 const char       *response,
                 PartnersPage     *self)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *entry = g_object_get_data (G_OBJECT (dialog), "entry");
  gint64 id;

  if (!g_str_equal (response, "add"))
    return;
  id = partners_organisation_add (self->workspace, gtk_editable_get_text (GTK_EDITABLE (entry)), NULL, NULL, &error);
  if (id == 0)
    show_error (self, error);
  else
    partners_page_select (self, id);
}

static void
add_partner_clicked (PartnersPage *self)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                              _("Add Partner"), _("The organisation’s name. Add the rest in its details."));
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "add", _("_Add"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "add", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "add");
  g_object_set_data (G_OBJECT (dialog), "entry", entry);
  g_signal_connect (dialog, "response", G_CALLBACK (on_add_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_view_toggled (GtkToggleButton *button,
                 PartnersPage    *self)
{
  gtk_stack_set_visible_child_name (GTK_STACK (self->view_stack),
                                    gtk_toggle_button_get_active (button) ? "network" : "list");
}

static void
partners_page_dispose (GObject *object)
{
  PartnersPage *self = PARTNERS_PAGE (object);
  GtkWidget *child;

  if (self->workspace != NULL)
    g_signal_handlers_disconnect_by_func (self->workspace, on_changed, self);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->workspace);
  g_clear_object (&self->selection);
  g_clear_object (&self->sorted);
  g_clear_object (&self->filtered);
  g_clear_object (&self->type_codes);

  G_OBJECT_CLASS (partners_page_parent_class)->dispose (object);
}

static void
partners_page_finalize (GObject *object)
{
  PartnersPage *self = PARTNERS_PAGE (object);

  g_free (self->search);
  g_free (self->filter_type);
  g_free (self->filter_tier);
  G_OBJECT_CLASS (partners_page_parent_class)->finalize (object);
}

static void
partners_page_class_init (PartnersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = partners_page_dispose;
  object_class->finalize = partners_page_finalize;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
}

static void
partners_page_init (PartnersPage *self)
{
}

/**
 * partners_page_new:
 * @workspace: the workspace shown
 *
 * Returns: (transfer floating): the page
 */
GtkWidget *
partners_page_new (SteadWorkspace *workspace)
{
  PartnersPage *self = g_object_new (PARTNERS_TYPE_PAGE, NULL);
  GtkWidget *paned, *left, *toolbar, *scroller, *empty, *buttons, *button, *toggle;
  g_autoptr(GtkStringList) type_labels = gtk_string_list_new ((const char * const[]) { _("All Types"), NULL });
  g_autoptr(GtkStringList) tier_labels = gtk_string_list_new ((const char * const[]) { _("All Tiers"), NULL });
  g_autoptr(sqlite3_stmt) types = NULL;
  GtkSorter *sorter;

  self->workspace = g_object_ref (workspace);
  self->store = g_list_store_new (PARTNERS_TYPE_ROW);
  self->filter = gtk_custom_filter_new (match, self, NULL);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (self->store), GTK_FILTER (self->filter));
  self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->filtered)), NULL);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->sorted)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);

  self->toasts = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  gtk_widget_set_parent (GTK_WIDGET (self->toasts), GTK_WIDGET (self));

  self->stack = gtk_stack_new ();
  adw_toast_overlay_set_child (self->toasts, self->stack);

  /* The empty state says how to start. */
  empty = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "system-users-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("No Partners Yet"));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty),
                                   _("Add the organisations your partnership can call on, or import a directory "
                                     "(Open Referral UK JSON or CSV)."));
  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_halign (buttons, GTK_ALIGN_CENTER);
  button = gtk_button_new_with_mnemonic (_("_Add Partner"));
  gtk_widget_add_css_class (button, "suggested-action");
  gtk_widget_add_css_class (button, "pill");
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (add_partner_clicked), self);
  gtk_box_append (GTK_BOX (buttons), button);
  button = gtk_button_new_with_mnemonic (_("_Import…"));
  gtk_widget_add_css_class (button, "pill");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.import");
  gtk_box_append (GTK_BOX (buttons), button);
  adw_status_page_set_child (ADW_STATUS_PAGE (empty), buttons);
  gtk_stack_add_named (GTK_STACK (self->stack), empty, "empty");

  paned = gtk_paned_new (GTK_ORIENTATION_HORIZONTAL);
  gtk_paned_set_position (GTK_PANED (paned), 500);
  gtk_paned_set_shrink_start_child (GTK_PANED (paned), FALSE);
  gtk_paned_set_shrink_end_child (GTK_PANED (paned), FALSE);
  gtk_stack_add_named (GTK_STACK (self->stack), paned, "list");

  left = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  toolbar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_margin_top (toolbar, 6);
  gtk_widget_set_margin_bottom (toolbar, 6);
  gtk_widget_set_margin_start (toolbar, 6);
  gtk_widget_set_margin_end (toolbar, 6);
  self->search_entry = gtk_search_entry_new ();
  gtk_widget_set_hexpand (self->search_entry, TRUE);
  g_object_set (self->search_entry, "placeholder-text", _("Search partners, sites, “expired”…"), NULL);
  g_signal_connect (self->search_entry, "search-changed", G_CALLBACK (on_search_changed), self);
  gtk_box_append (GTK_BOX (toolbar), self->search_entry);

  self->type_codes = gtk_string_list_new ((const char * const[]) { "", NULL });
  types = stead_workspace_prepare (workspace, "SELECT code, label FROM taxonomy WHERE vocabulary = 'partner-type' ORDER BY sort", NULL);
  while (types != NULL && sqlite3_step (types) == SQLITE_ROW)
    {
      gtk_string_list_append (self->type_codes, (const char *) sqlite3_column_text (types, 0));
      gtk_string_list_append (type_labels, (const char *) sqlite3_column_text (types, 1));
    }
  self->type_dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (type_labels)), NULL);
  gtk_widget_set_tooltip_text (self->type_dropdown, _("Filter by type"));
  g_signal_connect (self->type_dropdown, "notify::selected", G_CALLBACK (on_type_filter), self);
  gtk_box_append (GTK_BOX (toolbar), self->type_dropdown);
  for (guint i = 0; tiers[i] != NULL; i++)
    gtk_string_list_append (tier_labels, tier_label (tiers[i]));
  self->tier_dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (tier_labels)), NULL);
  gtk_widget_set_tooltip_text (self->tier_dropdown, _("Filter by tier"));
  g_signal_connect (self->tier_dropdown, "notify::selected", G_CALLBACK (on_tier_filter), self);
  gtk_box_append (GTK_BOX (toolbar), self->tier_dropdown);

  toggle = gtk_toggle_button_new ();
  gtk_button_set_icon_name (GTK_BUTTON (toggle), "network-workgroup-symbolic");
  gtk_widget_set_tooltip_text (toggle, _("Who Works with Whom"));
  g_signal_connect (toggle, "toggled", G_CALLBACK (on_view_toggled), self);
  gtk_box_append (GTK_BOX (toolbar), toggle);

  button = gtk_button_new_from_icon_name ("list-add-symbolic");
  gtk_widget_set_tooltip_text (button, _("Add Partner"));
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (add_partner_clicked), self);
  gtk_box_append (GTK_BOX (toolbar), button);
  gtk_box_append (GTK_BOX (left), toolbar);

  self->column_view = gtk_column_view_new (GTK_SELECTION_MODEL (g_object_ref (self->selection)));
  gtk_column_view_set_show_column_separators (GTK_COLUMN_VIEW (self->column_view), FALSE);
  add_column (self, _("Name"), COL_NAME, TRUE);
  add_column (self, _("Type"), COL_TYPE, FALSE);
  add_column (self, _("Tier"), COL_TIER, FALSE);
  add_column (self, _("Next Review"), COL_REVIEW, FALSE);
  add_column (self, _("Open Issues"), COL_ISSUES, FALSE);
  sorter = gtk_column_view_get_sorter (GTK_COLUMN_VIEW (self->column_view));
  gtk_sort_list_model_set_sorter (self->sorted, sorter);
  g_signal_connect (self->selection, "notify::selected", G_CALLBACK (on_selection_changed), self);

  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), self->column_view);
  gtk_widget_set_vexpand (scroller, TRUE);

  self->view_stack = gtk_stack_new ();
  gtk_stack_add_named (GTK_STACK (self->view_stack), scroller, "list");
  self->network = partners_network_new ();
  gtk_stack_add_named (GTK_STACK (self->view_stack), self->network, "network");
  gtk_widget_set_vexpand (self->view_stack, TRUE);
  gtk_box_append (GTK_BOX (left), self->view_stack);
  gtk_paned_set_start_child (GTK_PANED (paned), left);

  self->detail = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->detail), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_size_request (self->detail, 320, -1);
  gtk_paned_set_end_child (GTK_PANED (paned), self->detail);

  g_signal_connect_object (workspace, "changed", G_CALLBACK (on_changed), self, G_CONNECT_SWAPPED);
  reload (self);
  return GTK_WIDGET (self);
}

GListModel *
partners_page_get_model (PartnersPage *self)
{
  return G_LIST_MODEL (self->sorted);
}

gboolean
partners_page_select (PartnersPage *self,
                      gint64        id)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->sorted)); i++)
    {
      g_autoptr(PartnersRow) row = g_list_model_get_item (G_LIST_MODEL (self->sorted), i);

      if (row->id == id)
        {
          gtk_single_selection_set_selected (self->selection, i);
          if (self->selected != id)
            {
              self->selected = id;
              rebuild_detail (self);
            }
          return TRUE;
        }
    }
  return FALSE;
}

/* Clears the search and the type and tier filters, so that every
 * organisation is listed (the dropdowns' handlers refilter). */
void
partners_page_show_all (PartnersPage *self)
{
  partners_page_set_search (self, NULL);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->type_dropdown), 0);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->tier_dropdown), 0);
  partners_page_set_filter (self, NULL, NULL);
}

gint64
partners_page_get_selected (PartnersPage *self)
{
  return self->selected;
}

/* As if the user edited @field of the selected partner and pressed Apply. */
gboolean
partners_page_edit_field (PartnersPage *self,
                          const char   *field,
                          const char   *value)
{
  return apply (self, field, value);
}

GtkWidget *
partners_page_get_network (PartnersPage *self)
{
  return self->network;
}
