/* stead-record-page.c: a plugin's records: search, filters, list, details
 *
 * What every plugin page is: an empty state that says how to start; a
 * search (Ctrl+F) over the records' text with the plugin's filters beside
 * it; a sortable column view (columns declared by field: "name type tier",
 * or "shown:sort!alert" for a column sorted by another field and shown as
 * an error when the alert field is set); the selected record's details
 * beside it, with a Remove button that asks first (naming what other
 * plugins lose) and offers Undo after. The plugin's .ui adds children of
 * type "filter", "header" (above the list), "empty" (a button beside Add
 * and Import in the empty state), "view" (another view of the
 * same records, by widget name), "detail" (below the Remove button; bind
 * their record to the page's "selected") and "column".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stead-record-page"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "stead-gtk-compat-private.h"
#include "stead-record-cell.h"
#include "stead-record-page.h"

struct _SteadRecordPage
{
  GtkWidget              parent_instance;

  /* Template children */
  AdwToastOverlay       *toasts;
  GtkStack              *stack;
  AdwStatusPage         *empty_page;
  GtkButton             *empty_add_button;
  GtkBox                *empty_box;
  AdwLeaflet            *leaflet;
  GtkWidget             *back_button;
  GtkWidget             *detail_separator;
  GtkWidget             *detail_clamp;
  GtkBox                *header_box;
  GtkBox                *toolbar;
  GtkSearchEntry        *search_entry;
  GtkBox                *filter_box;
  GtkButton             *add_button;
  GtkStack              *view_stack;
  GtkColumnView         *column_view;
  GtkStack              *detail_stack;
  AdwStatusPage         *no_matches_page;
  AdwStatusPage         *none_page;
  GtkBox                *detail_box;
  GtkButton             *remove_button;

  SteadWorkspace        *workspace;
  GListModel            *model;
  GtkCustomFilter       *filter;
  GtkFilterListModel    *filtered;
  GtkSortListModel      *sorted;
  GtkSingleSelection    *selection;
  SteadRecord           *selected;
  char                  *search;
  SteadRecordFilterFunc  filter_func;
  gpointer               filter_data;
  GDestroyNotify         filter_destroy;
  char                  *sort_column;
  gboolean               sort_descending;
  gint64                 pending_select;
  gulong                 items_changed_id;
  GPtrArray             *columns;         /* ColumnSpec of the declared columns */
  int                    n_records;       /* -1: the model's; else how many there are */
  gboolean               filter_has_func; /* whether the filter calls stead_record_page_match */
  GSettings             *settings;        /* column-widths, if the schema is installed */
  gboolean               sized;           /* columns sized to the records shown */
  gboolean               sizing;          /* the page, not the user, sets a width */
};

enum {
  PROP_0,
  PROP_WORKSPACE,
  PROP_MODEL,
  PROP_SELECTED,
  PROP_SEARCH,
  PROP_EMPTY_TITLE,
  PROP_EMPTY_DESCRIPTION,
  PROP_ICON_NAME,
  PROP_NONE_TITLE,
  PROP_NONE_DESCRIPTION,
  PROP_SEARCH_PLACEHOLDER,
  PROP_ADD_LABEL,
  PROP_ADD_TOOLTIP,
  PROP_COLUMNS,
  PROP_SORT_COLUMN,
  PROP_SORT_DESCENDING,
  PROP_CAN_REMOVE,
  PROP_CAN_ADD,
  N_PROPS
};

enum {
  ADD,
  RESET_FILTERS,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];
static GtkBuildableIface *parent_buildable_iface;

static void stead_record_page_buildable_init (GtkBuildableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SteadRecordPage,
                               stead_record_page,
                               GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDABLE,
                                                      stead_record_page_buildable_init))

/* ------------------------------------------------------------------------ */
/* Columns                                                                   */

typedef struct
{
  char                *shown;
  char                *sort;
  char                *alert;
  gboolean             expand;
  GtkColumnViewColumn *column;   /* borrowed: the view holds it */
  SteadRecordPage     *page;     /* borrowed: the page holds it */
} ColumnSpec;

static void
stead_record_page_column_spec_free (ColumnSpec *spec)
{
  g_free (spec->shown);
  g_free (spec->sort);
  g_free (spec->alert);
  g_free (spec);
}

/* "shown[*][:sort][!alert]": * takes the room left */
static ColumnSpec *
stead_record_page_parse_column (const char *text)
{
  ColumnSpec *spec = g_new0 (ColumnSpec, 1);
  g_autofree char *copy = g_strdup (text);
  char *bang = strchr (copy, '!');
  char *colon;
  char *star;

  if (bang != NULL)
    {
      *bang = '\0';
      spec->alert = g_strdup (bang + 1);
    }
  colon = strchr (copy, ':');
  if (colon != NULL)
    {
      *colon = '\0';
      spec->sort = g_strdup (colon + 1);
    }
  star = strchr (copy, '*');
  if (star != NULL)
    {
      *star = '\0';
      spec->expand = TRUE;
    }
  spec->shown = g_strdup (copy);
  if (spec->sort == NULL)
    spec->sort = g_strdup (copy);
  return spec;
}

static void
stead_record_page_setup_cell (GtkSignalListItemFactory *factory,
                              GtkListItem              *item,
                              ColumnSpec               *spec)
{
  gtk_list_item_set_child (item, stead_record_cell_new (spec->shown, spec->alert));
}

static void
stead_record_page_bind_cell (GtkSignalListItemFactory *factory,
                             GtkListItem              *item,
                             ColumnSpec               *spec)
{
  stead_record_cell_set_record (STEAD_RECORD_CELL (gtk_list_item_get_child (item)),
                                gtk_list_item_get_item (item));
}

static void
stead_record_page_unbind_cell (GtkSignalListItemFactory *factory,
                               GtkListItem              *item,
                               ColumnSpec               *spec)
{
  stead_record_cell_set_record (STEAD_RECORD_CELL (gtk_list_item_get_child (item)), NULL);
}

static int
stead_record_page_compare (gconstpointer a,
                           gconstpointer b,
                           gpointer      user_data)
{
  ColumnSpec *spec = user_data;

  return stead_record_compare (STEAD_RECORD ((gpointer) a), STEAD_RECORD ((gpointer) b),
                               spec->sort);
}

static const char *
stead_record_page_column_title (SteadRecordPage *self,
                                const char      *field)
{
  GType type = self->model != NULL ? g_list_model_get_item_type (self->model) : STEAD_TYPE_RECORD;
  const SteadRecordInfo *info;
  const SteadField *declared;

  if (!g_type_is_a (type, STEAD_TYPE_RECORD))
    return field;
  info = stead_record_type_get_info (type);
  declared = stead_field_find (info->fields, info->n_fields, field);
  return declared != NULL ? stead_field_get_label (declared) : field;
}

static void stead_record_page_on_column_width (GtkColumnViewColumn *column,
                                               GParamSpec          *pspec,
                                               ColumnSpec          *spec);

static void
stead_record_page_add_column (SteadRecordPage *self,
                              const char      *text)
{
  ColumnSpec *spec = stead_record_page_parse_column (text);
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) column = NULL;
  g_autoptr(GtkSorter) sorter = NULL;

  g_signal_connect (factory, "setup", G_CALLBACK (stead_record_page_setup_cell), spec);
  g_signal_connect (factory, "bind", G_CALLBACK (stead_record_page_bind_cell), spec);
  g_signal_connect (factory, "unbind", G_CALLBACK (stead_record_page_unbind_cell), spec);
  g_ptr_array_add (self->columns, spec);
  column = gtk_column_view_column_new (stead_record_page_column_title (self, spec->shown),
                                       g_object_ref (factory));
  sorter = GTK_SORTER (gtk_custom_sorter_new (stead_record_page_compare, spec, NULL));
  gtk_column_view_column_set_sorter (column, sorter);
  gtk_column_view_column_set_resizable (column, TRUE);
  spec->column = column;
  spec->page = self;
  g_signal_connect (column, "notify::fixed-width", G_CALLBACK (stead_record_page_on_column_width),
                    spec);
  gtk_column_view_append_column (self->column_view, column);
}

/* The key a column's width is remembered under: the records' type and
 * the field, so every page of the same records shares it. */
static char *
stead_record_page_width_key (SteadRecordPage *self,
                             ColumnSpec      *spec)
{
  GType type = self->model != NULL ? g_list_model_get_item_type (self->model) : G_TYPE_INVALID;

  if (!g_type_is_a (type, STEAD_TYPE_RECORD) || type == STEAD_TYPE_RECORD)
    return NULL;
  return g_strdup_printf ("%s:%s", g_type_name (type), spec->shown);
}

static int
stead_record_page_remembered_width (SteadRecordPage *self,
                                    ColumnSpec      *spec)
{
  g_autofree char *key = stead_record_page_width_key (self, spec);
  g_autoptr(GVariant) widths = NULL;
  int width = -1;

  if (key == NULL || self->settings == NULL)
    return -1;
  widths = g_settings_get_value (self->settings, "column-widths");
  if (!g_variant_lookup (widths, key, "i", &width))
    return -1;
  return width;
}

/* The user resized a column: its width is kept for next time. */
static void
stead_record_page_on_column_width (GtkColumnViewColumn *column,
                                   GParamSpec          *pspec,
                                   ColumnSpec          *spec)
{
  SteadRecordPage *self = spec->page;
  g_autofree char *key = NULL;
  g_autoptr(GVariant) old = NULL;
  GVariantBuilder dict;
  GVariantIter iter;
  const char *k;
  int width;

  if (self->sizing || self->settings == NULL ||
      (key = stead_record_page_width_key (self, spec)) == NULL)
    return;
  old = g_settings_get_value (self->settings, "column-widths");
  g_variant_builder_init (&dict, G_VARIANT_TYPE ("a{si}"));
  g_variant_iter_init (&iter, old);
  while (g_variant_iter_next (&iter, "{&si}", &k, &width))
    if (!g_str_equal (k, key))
      g_variant_builder_add (&dict, "{si}", k, width);
  g_variant_builder_add (&dict, "{si}", key, gtk_column_view_column_get_fixed_width (column));
  g_settings_set_value (self->settings, "column-widths", g_variant_builder_end (&dict));
}

/* Wide enough for the title and the widest of the first records, as the
 * list's font draws them (a sample: the list may hold a million). */
static int
stead_record_page_content_width (SteadRecordPage *self,
                                 ColumnSpec      *spec,
                                 int              most)
{
  g_autoptr(PangoLayout) layout =
    gtk_widget_create_pango_layout (GTK_WIDGET (self->column_view),
                                    stead_record_page_column_title (self, spec->shown));
  guint n = self->model != NULL ? MIN (g_list_model_get_n_items (self->model), 500) : 0;
  int widest, width;

  /* The title has the sort arrow beside it. */
  pango_layout_get_pixel_size (layout, &widest, NULL);
  widest += 20;
  for (guint i = 0; i < n && widest < most; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (self->model, i);
      g_autofree char *text = NULL;

      if (!STEAD_IS_RECORD (item))
        break;
      text = stead_record_dup_display (STEAD_RECORD (item), spec->shown);
      pango_layout_set_text (layout, text, -1);
      pango_layout_get_pixel_size (layout, &width, NULL);
      widest = MAX (widest, width);
    }
  /* The cell's padding either side. */
  return CLAMP (widest + 16, 48, most);
}

/* The declared columns' titles come from the records' field labels; each
 * is as wide as its content (or as the user made it), and one column
 * (marked "*", else the first) takes the room left. */
static void
stead_record_page_update_columns (SteadRecordPage *self)
{
  gboolean any_expands = FALSE;

  self->sizing = TRUE;
  for (guint k = 0; k < self->columns->len; k++)
    any_expands |= ((ColumnSpec *) g_ptr_array_index (self->columns, k))->expand;
  for (guint k = 0; k < self->columns->len; k++)
    {
      ColumnSpec *spec = g_ptr_array_index (self->columns, k);
      gboolean expand = spec->expand || (!any_expands && k == 0);
      int width = stead_record_page_remembered_width (self, spec);

      if (width <= 0)
        width = stead_record_page_content_width (self, spec, expand ? 300 : 180);
      gtk_column_view_column_set_expand (spec->column, expand);
      gtk_column_view_column_set_fixed_width (spec->column, width);
      gtk_column_view_column_set_title (spec->column,
                                        stead_record_page_column_title (self, spec->shown));
      if (g_strcmp0 (spec->shown, self->sort_column) == 0)
        gtk_column_view_sort_by_column (self->column_view, spec->column,
                                        self->sort_descending ? GTK_SORT_DESCENDING
                                                              : GTK_SORT_ASCENDING);
    }
  self->sizing = FALSE;
}

static void
stead_record_page_set_columns (SteadRecordPage *self,
                               const char      *columns)
{
  g_auto(GStrv) specs = g_strsplit_set (columns != NULL ? columns : "", " \n\t", -1);
  for (guint k = 0; k < self->columns->len; k++)
    gtk_column_view_remove_column (self->column_view,
                                   ((ColumnSpec *) g_ptr_array_index (self->columns, k))->column);
  g_ptr_array_set_size (self->columns, 0);
  for (guint i = 0; specs[i] != NULL; i++)
    if (*specs[i] != '\0')
      stead_record_page_add_column (self, specs[i]);
  stead_record_page_update_columns (self);
}

/* ------------------------------------------------------------------------ */
/* Filtering and selection                                                   */

static gboolean
stead_record_page_match (gpointer item,
                         gpointer user_data)
{
  SteadRecordPage *self = user_data;

  if (!stead_record_matches (item, self->search))
    return FALSE;
  return self->filter_func == NULL || self->filter_func (item, self->filter_data);
}

/* With no search and no plugin filter the filter lets everything by
 * without a function: the list then never asks the model for a record
 * it does not show (a model of a million makes them as they are shown).
 * Returns TRUE if that changed (the filter has told the list). */
static gboolean
stead_record_page_update_filter_func (SteadRecordPage *self)
{
  gboolean needed = self->filter_func != NULL || (self->search != NULL && *self->search != '\0');

  if (needed == self->filter_has_func)
    return FALSE;
  self->filter_has_func = needed;
  if (needed)
    gtk_custom_filter_set_filter_func (self->filter, stead_record_page_match, self, NULL);
  else
    gtk_custom_filter_set_filter_func (self->filter, NULL, NULL, NULL);
  return TRUE;
}

/**
 * stead_record_page_refilter:
 * @self: a #SteadRecordPage
 *
 * Runs the filter function again (after the plugin's filter changed).
 */
void
stead_record_page_refilter (SteadRecordPage *self)
{
  g_return_if_fail (STEAD_IS_RECORD_PAGE (self));

  if (!stead_record_page_update_filter_func (self))
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

/* Records, but none that the search and filters let through. */
static guint
stead_record_page_count (SteadRecordPage *self)
{
  if (self->n_records >= 0)
    return self->n_records;
  return self->model != NULL ? g_list_model_get_n_items (self->model) : 0;
}

static void
stead_record_page_update_matches (SteadRecordPage *self)
{
  guint n = stead_record_page_count (self);
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));

  /* While the page is taken apart, the template's widgets go first. */
  if (self->no_matches_page == NULL)
    return;
  gtk_widget_set_visible (GTK_WIDGET (self->no_matches_page), n > 0 && shown == 0);
}

/* Another view (a queue, a board, a form) has the page to itself until
 * a record is chosen: "No Volunteer Selected" beside a reception form
 * is a third of the window doing nothing. */
static void
stead_record_page_update_detail_side (SteadRecordPage *self)
{
  const char *view = self->view_stack != NULL
                       ? gtk_stack_get_visible_child_name (self->view_stack) : NULL;
  gboolean shown = self->selected != NULL || view == NULL || g_str_equal (view, "list");

  if (self->detail_clamp == NULL)
    return;
  gtk_widget_set_visible (self->detail_separator, shown);
  gtk_widget_set_visible (self->detail_clamp, shown);
}

static void
stead_record_page_update_state (SteadRecordPage *self)
{
  guint n = stead_record_page_count (self);
  const char *view = self->view_stack != NULL
                       ? gtk_stack_get_visible_child_name (self->view_stack) : NULL;

  /* The empty state is the list's: another view (a queue, a board, a
   * chart of what the records are about) stays shown with no record. */
  gtk_stack_set_visible_child_name (self->stack,
                                    n > 0 || (view != NULL && !g_str_equal (view, "list"))
                                      ? "records" : "empty");
  stead_record_page_update_detail_side (self);
  stead_record_page_update_matches (self);
  /* Sized once the first records are in the list, not at every change
   * (the count of all records may be known before the list has them). */
  if (!self->sized && self->model != NULL && g_list_model_get_n_items (self->model) > 0)
    {
      self->sized = TRUE;
      stead_record_page_update_columns (self);
    }
  if (self->pending_select != 0 && stead_record_page_select (self, self->pending_select))
    self->pending_select = 0;
}

static void
stead_record_page_on_selected (SteadRecordPage *self)
{
  SteadRecord *record = gtk_single_selection_get_selected_item (self->selection);

  if (!g_set_object (&self->selected, record))
    return;
  gtk_stack_set_visible_child_name (self->detail_stack, record != NULL ? "detail" : "none");
  stead_record_page_update_detail_side (self);
  /* One pane at a time: the record chosen is the one to see. */
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child_name (self->leaflet, record != NULL ? "detail" : "list");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

static void
stead_record_page_on_back (SteadRecordPage *self)
{
  adw_leaflet_set_visible_child_name (self->leaflet, "list");
}

static void
stead_record_page_on_activate (SteadRecordPage *self)
{
  if (adw_leaflet_get_folded (self->leaflet) && self->selected != NULL)
    adw_leaflet_set_visible_child_name (self->leaflet, "detail");
}

static void
stead_record_page_on_folded (SteadRecordPage *self)
{
  gboolean folded = adw_leaflet_get_folded (self->leaflet);

  gtk_widget_set_visible (self->back_button, folded);
  if (folded)
    adw_leaflet_set_visible_child_name (self->leaflet, self->selected != NULL ? "detail" : "list");
}

/**
 * stead_record_page_get_folded:
 * @self: a #SteadRecordPage
 *
 * Returns: %TRUE when the page is too narrow for the list and the details
 *   side by side, and shows one at a time
 */
gboolean
stead_record_page_get_folded (SteadRecordPage *self)
{
  g_return_val_if_fail (STEAD_IS_RECORD_PAGE (self), FALSE);

  return adw_leaflet_get_folded (self->leaflet);
}

/**
 * stead_record_page_select:
 * @self: a #SteadRecordPage
 * @id: a record's id
 *
 * Selects the record with @id if the list shows it; if the records are
 * still loading, when they have.
 *
 * Returns: %TRUE if it is selected now
 */
gboolean
stead_record_page_select (SteadRecordPage *self,
                          gint64           id)
{
  GListModel *shown;
  guint n;

  g_return_val_if_fail (STEAD_IS_RECORD_PAGE (self), FALSE);

  shown = G_LIST_MODEL (self->filtered);
  n = g_list_model_get_n_items (shown);
  /* Unsorted and unfiltered, the list is the model: its position, with
   * no record made for the rows before it. */
  if (STEAD_IS_QUERY_MODEL (self->model) && !self->filter_has_func &&
      gtk_sorter_get_order (gtk_column_view_get_sorter (self->column_view)) ==
        GTK_SORTER_ORDER_NONE)
    {
      int at = stead_query_model_get_position (STEAD_QUERY_MODEL (self->model), id);

      if (at >= 0 && (guint) at < n)
        {
          gtk_single_selection_set_selected (self->selection, at);
          stead_column_view_scroll_to (self->column_view, at);
          self->pending_select = 0;
          return TRUE;
        }
      n = 0;
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SteadRecord) record = g_list_model_get_item (shown, i);

      if (stead_record_get_id (record) == id)
        {
          gtk_single_selection_set_selected (self->selection, i);
          stead_column_view_scroll_to (self->column_view, i);
          self->pending_select = 0;
          return TRUE;
        }
    }
  if (STEAD_IS_QUERY_MODEL (self->model) &&
      stead_query_model_get_loading (STEAD_QUERY_MODEL (self->model)))
    self->pending_select = id;
  return FALSE;
}

/* ------------------------------------------------------------------------ */
/* Actions                                                                   */

static void
stead_record_page_on_add (SteadRecordPage *self)
{
  g_signal_emit (self, signals[ADD], 0);
}

/* A record must have every word: a search that only grows (a letter or a
 * word typed) finds some of what it found, one that only shrinks finds
 * more, so the list checks only those records. */
static void
stead_record_page_on_search_changed (SteadRecordPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  const char *old = self->search != NULL ? self->search : "";
  GtkFilterChange change = GTK_FILTER_CHANGE_DIFFERENT;

  if (g_strcmp0 (old, text) == 0)
    return;
  if (g_str_has_prefix (text, old))
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (g_str_has_prefix (old, text))
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  stead_set_str (&self->search, text);
  if (!stead_record_page_update_filter_func (self))
    gtk_filter_changed (GTK_FILTER (self->filter), change);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH]);
}

static void
stead_record_page_on_remove_response (AdwMessageDialog *dialog,
                                      const char       *response,
                                      SteadRecordPage  *self)
{
  g_autoptr(GError) error = NULL;
  SteadRecord *record = self->selected;
  g_autofree char *message = NULL;

  if (!g_str_equal (response, "remove") || record == NULL || self->workspace == NULL)
    return;
  message = g_strdup_printf (_("Removed “%s”"), stead_record_get_title (record));
  if (!stead_workspace_remove_record (self->workspace, stead_record_get_info (record)->kind,
                                      stead_record_get_id (record), &error))
    stead_record_page_show_error (self, error);
  else
    stead_record_page_toast_undo (self, message);
}

static void
stead_record_page_on_remove (SteadRecordPage *self)
{
  g_auto(GStrv) effects = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  SteadRecord *record = self->selected;
  GtkWidget *dialog;

  if (record == NULL || self->workspace == NULL)
    return;
  effects = stead_workspace_describe_removal (self->workspace, stead_record_get_info (record)->kind,
                                              stead_record_get_id (record));
  g_string_printf (body, _("“%s” and everything recorded with it will be removed."),
                   stead_record_get_title (record));
  for (guint i = 0; effects[i] != NULL; i++)
    g_string_append_printf (body, " %s", effects[i]);
  g_string_append_printf (body, " %s", _("You can undo this."));

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   _("Remove?"), body->str);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "remove",
                                    _("_Remove"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (stead_record_page_on_remove_response),
                           self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
stead_record_page_focus_search (GtkWidget *widget,
                                GVariant  *args,
                                gpointer   user_data)
{
  SteadRecordPage *self = STEAD_RECORD_PAGE (widget);

  gtk_stack_set_visible_child_name (self->view_stack, "list");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  return TRUE;
}

/**
 * stead_record_page_toast:
 * @self: a #SteadRecordPage
 * @message: what happened
 */
void
stead_record_page_toast (SteadRecordPage *self,
                         const char      *message)
{
  g_return_if_fail (STEAD_IS_RECORD_PAGE (self));

  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (message));
}

/**
 * stead_record_page_toast_undo:
 * @self: a #SteadRecordPage
 * @message: what was done
 *
 * A toast with an Undo button (the window's undo).
 */
void
stead_record_page_toast_undo (SteadRecordPage *self,
                              const char      *message)
{
  AdwToast *toast;

  g_return_if_fail (STEAD_IS_RECORD_PAGE (self));

  toast = adw_toast_new (message);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo");
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toasts, toast);
}

void
stead_record_page_show_error (SteadRecordPage *self,
                              const GError    *error)
{
  g_return_if_fail (STEAD_IS_RECORD_PAGE (self));
  g_return_if_fail (error != NULL);

  stead_record_page_toast (self, error->message);
}

/* ------------------------------------------------------------------------ */
/* Properties                                                                */

SteadWorkspace *
stead_record_page_get_workspace (SteadRecordPage *self)
{
  g_return_val_if_fail (STEAD_IS_RECORD_PAGE (self), NULL);

  return self->workspace;
}

void
stead_record_page_set_workspace (SteadRecordPage *self,
                                 SteadWorkspace  *workspace)
{
  g_return_if_fail (STEAD_IS_RECORD_PAGE (self));

  if (g_set_object (&self->workspace, workspace))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKSPACE]);
}

/**
 * stead_record_page_set_model:
 * @self: a #SteadRecordPage
 * @model: (nullable): the records (#SteadRecord), usually a
 *   #SteadQueryModel; the page filters and sorts them
 */
void
stead_record_page_set_model (SteadRecordPage *self,
                             GListModel      *model)
{
  g_return_if_fail (STEAD_IS_RECORD_PAGE (self));
  g_return_if_fail (model == NULL || G_IS_LIST_MODEL (model));

  if (self->model == model)
    return;
  g_clear_signal_handler (&self->items_changed_id, self->model);
  g_set_object (&self->model, model);
  self->sized = FALSE;
  gtk_sort_list_model_set_model (self->sorted, model);
  if (model != NULL)
    self->items_changed_id = g_signal_connect_object (
      model, "items-changed", G_CALLBACK (stead_record_page_update_state), self, G_CONNECT_SWAPPED);
  stead_record_page_update_state (self);
  stead_record_page_update_columns (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

GListModel *
stead_record_page_get_model (SteadRecordPage *self)
{
  g_return_val_if_fail (STEAD_IS_RECORD_PAGE (self), NULL);

  return self->model;
}

/**
 * stead_record_page_get_shown:
 * @self: a #SteadRecordPage
 *
 * Returns: (transfer none): the records the list shows, filtered and
 *   sorted as it shows them
 */
GListModel *
stead_record_page_get_shown (SteadRecordPage *self)
{
  g_return_val_if_fail (STEAD_IS_RECORD_PAGE (self), NULL);

  return G_LIST_MODEL (self->filtered);
}

/**
 * stead_record_page_get_selected:
 *
 * Returns: (transfer none) (nullable): the record the details show
 */
SteadRecord *
stead_record_page_get_selected (SteadRecordPage *self)
{
  g_return_val_if_fail (STEAD_IS_RECORD_PAGE (self), NULL);

  return self->selected;
}

void
stead_record_page_set_search (SteadRecordPage *self,
                              const char      *text)
{
  g_return_if_fail (STEAD_IS_RECORD_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  /* The entry reports the change later; the filter follows now. */
  stead_record_page_on_search_changed (self);
}

const char *
stead_record_page_get_search (SteadRecordPage *self)
{
  g_return_val_if_fail (STEAD_IS_RECORD_PAGE (self), NULL);

  return self->search;
}

/**
 * stead_record_page_set_filter_func:
 * @self: a #SteadRecordPage
 * @func: (nullable): whether a record passes the plugin's filters
 * @user_data: for @func
 * @destroy: (nullable): frees @user_data
 */
void
stead_record_page_set_filter_func (SteadRecordPage       *self,
                                   SteadRecordFilterFunc  func,
                                   gpointer               user_data,
                                   GDestroyNotify         destroy)
{
  g_return_if_fail (STEAD_IS_RECORD_PAGE (self));

  if (self->filter_destroy != NULL)
    self->filter_destroy (self->filter_data);
  self->filter_func = func;
  self->filter_data = user_data;
  self->filter_destroy = destroy;
  stead_record_page_refilter (self);
}

/**
 * stead_record_page_show_all:
 * @self: a #SteadRecordPage
 *
 * Clears the search and asks the plugin to clear its filters
 * (#SteadRecordPage::reset-filters), so that every record is listed.
 */
void
stead_record_page_show_all (SteadRecordPage *self)
{
  g_return_if_fail (STEAD_IS_RECORD_PAGE (self));

  stead_record_page_set_search (self, NULL);
  g_signal_emit (self, signals[RESET_FILTERS], 0);
  gtk_stack_set_visible_child_name (self->view_stack, "list");
  stead_record_page_update_state (self);
  stead_record_page_refilter (self);
}

/**
 * stead_record_page_show_view:
 * @self: a #SteadRecordPage
 * @name: "list", or the name of a child of type "view"
 */
void
stead_record_page_show_view (SteadRecordPage *self,
                             const char      *name)
{
  g_return_if_fail (STEAD_IS_RECORD_PAGE (self));

  gtk_stack_set_visible_child_name (self->view_stack, name);
  stead_record_page_update_state (self);
}

/**
 * stead_record_page_get_column_view:
 *
 * Returns: (transfer none): the list
 */
GtkColumnView *
stead_record_page_get_column_view (SteadRecordPage *self)
{
  g_return_val_if_fail (STEAD_IS_RECORD_PAGE (self), NULL);

  return self->column_view;
}

static void
stead_record_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SteadRecordPage *self = STEAD_RECORD_PAGE (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE: g_value_set_object (value, self->workspace); break;
    case PROP_MODEL: g_value_set_object (value, self->model); break;
    case PROP_SELECTED: g_value_set_object (value, self->selected); break;
    case PROP_SEARCH: g_value_set_string (value, self->search); break;
    case PROP_EMPTY_TITLE:
      g_value_set_string (value, adw_status_page_get_title (self->empty_page));
      break;
    case PROP_EMPTY_DESCRIPTION:
      g_value_set_string (value, adw_status_page_get_description (self->empty_page));
      break;
    case PROP_ICON_NAME:
      g_value_set_string (value, adw_status_page_get_icon_name (self->empty_page));
      break;
    case PROP_NONE_TITLE:
      g_value_set_string (value, adw_status_page_get_title (self->none_page));
      break;
    case PROP_NONE_DESCRIPTION:
      g_value_set_string (value, adw_status_page_get_description (self->none_page));
      break;
    case PROP_SEARCH_PLACEHOLDER:
      g_object_get_property (G_OBJECT (self->search_entry), "placeholder-text", value);
      break;
    case PROP_ADD_LABEL:
      g_value_set_string (value, gtk_button_get_label (self->empty_add_button));
      break;
    case PROP_ADD_TOOLTIP:
      g_value_set_string (value, gtk_widget_get_tooltip_text (GTK_WIDGET (self->add_button)));
      break;
    case PROP_SORT_COLUMN: g_value_set_string (value, self->sort_column); break;
    case PROP_SORT_DESCENDING: g_value_set_boolean (value, self->sort_descending); break;
    case PROP_CAN_REMOVE:
      g_value_set_boolean (value, gtk_widget_get_visible (GTK_WIDGET (self->remove_button)));
      break;
    case PROP_CAN_ADD:
      g_value_set_boolean (value, gtk_widget_get_visible (GTK_WIDGET (self->add_button)));
      break;
    case PROP_COLUMNS: g_value_set_string (value, NULL); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stead_record_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  SteadRecordPage *self = STEAD_RECORD_PAGE (object);
  const char *text = G_VALUE_HOLDS_STRING (value) ? g_value_get_string (value) : NULL;

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      stead_record_page_set_workspace (self, g_value_get_object (value));
      break;
    case PROP_MODEL:
      stead_record_page_set_model (self, g_value_get_object (value));
      break;
    case PROP_SEARCH:
      stead_record_page_set_search (self, text);
      break;
    case PROP_EMPTY_TITLE:
      adw_status_page_set_title (self->empty_page, text);
      break;
    case PROP_EMPTY_DESCRIPTION:
      adw_status_page_set_description (self->empty_page, text);
      break;
    case PROP_ICON_NAME:
      adw_status_page_set_icon_name (self->empty_page, text);
      adw_status_page_set_icon_name (self->none_page, text);
      break;
    case PROP_NONE_TITLE:
      adw_status_page_set_title (self->none_page, text);
      break;
    case PROP_NONE_DESCRIPTION:
      adw_status_page_set_description (self->none_page, text);
      break;
    case PROP_SEARCH_PLACEHOLDER:
      g_object_set (self->search_entry, "placeholder-text", text, NULL);
      break;
    case PROP_ADD_LABEL:
      gtk_button_set_label (self->empty_add_button, text);
      break;
    case PROP_ADD_TOOLTIP:
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->add_button), text);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->add_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
      break;
    case PROP_COLUMNS:
      stead_record_page_set_columns (self, text);
      break;
    case PROP_SORT_COLUMN:
      stead_set_str (&self->sort_column, text);
      stead_record_page_update_columns (self);
      break;
    case PROP_SORT_DESCENDING:
      self->sort_descending = g_value_get_boolean (value);
      stead_record_page_update_columns (self);
      break;
    case PROP_CAN_REMOVE:
      gtk_widget_set_visible (GTK_WIDGET (self->remove_button), g_value_get_boolean (value));
      break;
    case PROP_CAN_ADD:
      /* Records that come from elsewhere (published, imported): no Add. */
      gtk_widget_set_visible (GTK_WIDGET (self->add_button), g_value_get_boolean (value));
      gtk_widget_set_visible (GTK_WIDGET (self->empty_add_button), g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* ------------------------------------------------------------------------ */
/* Children from the plugin's .ui                                            */

static void
stead_record_page_add_child (GtkBuildable *buildable,
                             GtkBuilder   *builder,
                             GObject      *child,
                             const char   *type)
{
  SteadRecordPage *self = STEAD_RECORD_PAGE (buildable);

  if (g_strcmp0 (type, "filter") == 0)
    gtk_box_append (self->filter_box, GTK_WIDGET (child));
  else if (g_strcmp0 (type, "header") == 0)
    {
      gtk_box_append (self->header_box, GTK_WIDGET (child));
      gtk_widget_set_visible (GTK_WIDGET (self->header_box), TRUE);
    }
  else if (g_strcmp0 (type, "view") == 0)
    gtk_stack_add_named (self->view_stack, GTK_WIDGET (child),
                         gtk_widget_get_name (GTK_WIDGET (child)));
  else if (g_strcmp0 (type, "detail") == 0)
    /* The Remove button stays last. */
    gtk_widget_insert_before (GTK_WIDGET (child), GTK_WIDGET (self->detail_box),
                              GTK_WIDGET (self->remove_button));
  else if (g_strcmp0 (type, "column") == 0)
    gtk_column_view_append_column (self->column_view, GTK_COLUMN_VIEW_COLUMN (child));
  else if (g_strcmp0 (type, "empty") == 0)
    /* Another way to start, beside Add and Import. */
    gtk_box_append (self->empty_box, GTK_WIDGET (child));
  else
    parent_buildable_iface->add_child (buildable, builder, child, type);
}

static void
stead_record_page_buildable_init (GtkBuildableIface *iface)
{
  parent_buildable_iface = g_type_interface_peek_parent (iface);
  iface->add_child = stead_record_page_add_child;
}

/* ------------------------------------------------------------------------ */
/* GObject                                                                   */

static void
stead_record_page_dispose (GObject *object)
{
  SteadRecordPage *self = STEAD_RECORD_PAGE (object);

  g_clear_signal_handler (&self->items_changed_id, self->model);
  if (self->filter_destroy != NULL)
    g_clear_pointer (&self->filter_data, self->filter_destroy);
  self->filter_func = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), STEAD_TYPE_RECORD_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->sorted);
  g_clear_object (&self->filtered);
  g_clear_object (&self->selected);
  g_clear_object (&self->model);
  g_clear_object (&self->workspace);
  G_OBJECT_CLASS (stead_record_page_parent_class)->dispose (object);
}

static void
stead_record_page_finalize (GObject *object)
{
  SteadRecordPage *self = STEAD_RECORD_PAGE (object);

  g_free (self->search);
  g_free (self->sort_column);
  g_ptr_array_unref (self->columns);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (stead_record_page_parent_class)->finalize (object);
}

static void
stead_record_page_class_init (SteadRecordPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = stead_record_page_dispose;
  object_class->finalize = stead_record_page_finalize;
  object_class->get_property = stead_record_page_get_property;
  object_class->set_property = stead_record_page_set_property;

#define STRING_PROP(id, name)                                                                      \
  properties[id] =                                                                                 \
    g_param_spec_string (name, NULL, NULL, NULL, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS)
  properties[PROP_WORKSPACE] =
    g_param_spec_object ("workspace", NULL, NULL, STEAD_TYPE_WORKSPACE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED] =
    g_param_spec_object ("selected", NULL, NULL, STEAD_TYPE_RECORD,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEARCH] =
    g_param_spec_string ("search", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  STRING_PROP (PROP_EMPTY_TITLE, "empty-title");
  STRING_PROP (PROP_EMPTY_DESCRIPTION, "empty-description");
  STRING_PROP (PROP_ICON_NAME, "icon-name");
  STRING_PROP (PROP_NONE_TITLE, "none-title");
  STRING_PROP (PROP_NONE_DESCRIPTION, "none-description");
  STRING_PROP (PROP_SEARCH_PLACEHOLDER, "search-placeholder");
  STRING_PROP (PROP_ADD_LABEL, "add-label");
  STRING_PROP (PROP_ADD_TOOLTIP, "add-tooltip");
  STRING_PROP (PROP_COLUMNS, "columns");
  STRING_PROP (PROP_SORT_COLUMN, "sort-column");
#undef STRING_PROP
  properties[PROP_SORT_DESCENDING] = g_param_spec_boolean (
    "sort-descending", NULL, NULL, FALSE, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REMOVE] = g_param_spec_boolean ("can-remove", NULL, NULL, FALSE,
                                                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_ADD] = g_param_spec_boolean ("can-add", NULL, NULL, TRUE,
                                                   G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SteadRecordPage::add:
   *
   * The user asks for a new record (the Add button, or the empty state's).
   */
  signals[ADD] = g_signal_new ("add", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                               NULL, G_TYPE_NONE, 0);
  /**
   * SteadRecordPage::reset-filters:
   *
   * Every record should be listed: the plugin clears its filters.
   */
  signals[RESET_FILTERS] = g_signal_new ("reset-filters", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/steadapp/Stead/"
                                                             "stead-record-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SteadRecordPage, toasts);
  gtk_widget_class_bind_template_child (widget_class, SteadRecordPage, stack);
  gtk_widget_class_bind_template_child (widget_class, SteadRecordPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, SteadRecordPage, empty_add_button);
  gtk_widget_class_bind_template_child (widget_class, SteadRecordPage, empty_box);
  gtk_widget_class_bind_template_child (widget_class, SteadRecordPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, SteadRecordPage, back_button);
  gtk_widget_class_bind_template_callback (widget_class, stead_record_page_on_back);
  gtk_widget_class_bind_template_child (widget_class, SteadRecordPage, header_box);
  gtk_widget_class_bind_template_child (widget_class, SteadRecordPage, toolbar);
  gtk_widget_class_bind_template_child (widget_class, SteadRecordPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SteadRecordPage, filter_box);
  gtk_widget_class_bind_template_child (widget_class, SteadRecordPage, add_button);
  gtk_widget_class_bind_template_child (widget_class, SteadRecordPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, SteadRecordPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, SteadRecordPage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, SteadRecordPage, detail_separator);
  gtk_widget_class_bind_template_child (widget_class, SteadRecordPage, detail_clamp);
  gtk_widget_class_bind_template_child (widget_class, SteadRecordPage, no_matches_page);
  gtk_widget_class_bind_template_callback (widget_class, stead_record_page_show_all);
  gtk_widget_class_bind_template_child (widget_class, SteadRecordPage, none_page);
  gtk_widget_class_bind_template_child (widget_class, SteadRecordPage, detail_box);
  gtk_widget_class_bind_template_child (widget_class, SteadRecordPage, remove_button);
  gtk_widget_class_bind_template_callback (widget_class, stead_record_page_on_add);
  gtk_widget_class_bind_template_callback (widget_class, stead_record_page_on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, stead_record_page_on_remove);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                stead_record_page_focus_search, NULL);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
stead_record_page_init (SteadRecordPage *self)
{
  g_autoptr(GListStore) none = g_list_store_new (STEAD_TYPE_RECORD);

  self->n_records = -1;
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema =
    source != NULL ? g_settings_schema_source_lookup (source, APP_ID, TRUE) : NULL;

  if (schema != NULL && g_settings_schema_has_key (schema, "column-widths"))
    self->settings = g_settings_new (APP_ID);
  self->columns =
    g_ptr_array_new_with_free_func ((GDestroyNotify) stead_record_page_column_spec_free);
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Sorted, then filtered: a search or a filter keeps the order it finds,
   * so typing never sorts the records again. */
  self->sorted = gtk_sort_list_model_new (NULL, NULL);
  gtk_sort_list_model_set_sorter (self->sorted, gtk_column_view_get_sorter (self->column_view));
  self->filter = gtk_custom_filter_new (NULL, NULL, NULL);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->sorted)),
                                              GTK_FILTER (self->filter));
  g_signal_connect_object (self->filtered, "items-changed",
                           G_CALLBACK (stead_record_page_update_matches), self, G_CONNECT_SWAPPED);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->filtered)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (stead_record_page_on_selected), self, G_CONNECT_SWAPPED);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->view_stack));
  g_signal_connect_object (self->view_stack, "notify::visible-child-name",
                           G_CALLBACK (stead_record_page_update_detail_side), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->leaflet, "notify::folded",
                           G_CALLBACK (stead_record_page_on_folded), self, G_CONNECT_SWAPPED);
  /* Until its first allocation, the leaflet shows only its first pane: the
   * details are there at once, as beside a paned list, until it folds. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->leaflet)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_child_visible (child, TRUE);
  g_signal_connect_object (self->column_view, "activate",
                           G_CALLBACK (stead_record_page_on_activate), self, G_CONNECT_SWAPPED);
  stead_record_page_set_model (self, G_LIST_MODEL (none));
}

/**
 * stead_record_page_set_n_records:
 * @self: a #SteadRecordPage
 * @n_records: how many records there are, whatever the model lists; -1
 *   for the model's count
 *
 * For a model that filters in its query: the page is empty (and says how
 * to start) only when there are no records at all, and says that none
 * matches when the model's filters leave none.
 */
void
stead_record_page_set_n_records (SteadRecordPage *self,
                                 int              n_records)
{
  g_return_if_fail (STEAD_IS_RECORD_PAGE (self));

  self->n_records = MAX (n_records, -1);
  stead_record_page_update_state (self);
}

/**
 * stead_record_page_reveal:
 * @self: a #SteadRecordPage
 * @id: a record's id
 *
 * Selects the record, clearing the search and filters first if they hide
 * it: what "Open Record" and a search result do.
 */
void
stead_record_page_reveal (SteadRecordPage *self,
                          gint64           id)
{
  g_return_if_fail (STEAD_IS_RECORD_PAGE (self));

  if (stead_record_page_select (self, id))
    return;
  stead_record_page_show_all (self);
  stead_record_page_select (self, id);
}
