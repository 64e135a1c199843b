/* stead-area-panel.c: the gap at a glance, beside the map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For a selected area: needs and resources by kind (people affected,
 * capacity available), then every need and resource inside, in column
 * views (recycled rows, any number of them). For an area the user drew,
 * what can be done with it ("Save as Hazard Area…") is a menu in its
 * header.
 */

#define G_LOG_DOMAIN "stead-area-panel"

#include "config.h"

#include <glib/gi18n.h>

#include "stead-area-panel-private.h"

/* One row of either list: plain text columns. */
#define STEAD_TYPE_PANEL_ROW (stead_panel_row_get_type ())
G_DECLARE_FINAL_TYPE (SteadPanelRow, stead_panel_row, STEAD, PANEL_ROW, GObject)

struct _SteadPanelRow
{
  GObject  parent_instance;
  char    *columns[5];
};

G_DEFINE_FINAL_TYPE (SteadPanelRow, stead_panel_row, G_TYPE_OBJECT)

static void
stead_panel_row_finalize (GObject *object)
{
  SteadPanelRow *self = STEAD_PANEL_ROW (object);

  for (guint i = 0; i < G_N_ELEMENTS (self->columns); i++)
    g_free (self->columns[i]);
  G_OBJECT_CLASS (stead_panel_row_parent_class)->finalize (object);
}

static void
stead_panel_row_class_init (SteadPanelRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = stead_panel_row_finalize;
}

static void
stead_panel_row_init (SteadPanelRow *self)
{
}

static SteadPanelRow *
stead_area_panel_row_new (const char *a,
                          const char *b,
                          const char *c,
                          const char *d,
                          const char *e)
{
  SteadPanelRow *row = g_object_new (STEAD_TYPE_PANEL_ROW, NULL);

  row->columns[0] = g_strdup (a);
  row->columns[1] = g_strdup (b);
  row->columns[2] = g_strdup (c);
  row->columns[3] = g_strdup (d);
  row->columns[4] = g_strdup (e);
  return row;
}

struct _SteadAreaPanel
{
  GtkWidget   parent_instance;

  GtkWidget  *box;
  GtkWidget  *content;
  GtkWidget  *title;
  GtkWidget  *actions_button;
  GtkWidget  *totals;
  GListStore *kinds;
  GListStore *items;
  GMenuModel *actions;
};

G_DEFINE_FINAL_TYPE (SteadAreaPanel, stead_area_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ACTIONS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
stead_area_panel_setup_cell (GtkSignalListItemFactory *factory,
                             GtkListItem              *item,
                             gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), GPOINTER_TO_UINT (user_data) == 0 ? 0 : 1);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
stead_area_panel_bind_cell (GtkSignalListItemFactory *factory,
                            GtkListItem              *item,
                            gpointer                  user_data)
{
  SteadPanelRow *row = gtk_list_item_get_item (item);
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "column"));

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), row->columns[column]);
}

static GtkWidget *
stead_area_panel_column_view (GListModel          *model,
                              const char * const  *titles,
                              guint                n_columns)
{
  GtkWidget *view =
    gtk_column_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (model))));

  for (guint i = 0; i < n_columns; i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;

      g_object_set_data (G_OBJECT (factory), "column", GUINT_TO_POINTER (i));
      g_signal_connect (factory, "setup", G_CALLBACK (stead_area_panel_setup_cell),
                        GUINT_TO_POINTER (i));
      g_signal_connect (factory, "bind", G_CALLBACK (stead_area_panel_bind_cell), NULL);
      column = gtk_column_view_column_new (_(titles[i]), factory);
      gtk_column_view_column_set_expand (column, i == 0);
      gtk_column_view_append_column (GTK_COLUMN_VIEW (view), column);
      g_object_unref (column);
    }
  gtk_widget_add_css_class (view, "data-table");
  return view;
}

static char *
stead_area_panel_label_for (SteadWorkspace *workspace,
                            GHashTable     *cache,
                            const char     *kind)
{
  const char *label = g_hash_table_lookup (cache, kind);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (label != NULL)
    return g_strdup (label);
  stmt = stead_workspace_prepare (workspace,
                                  "SELECT label FROM taxonomy WHERE code = ? "
                                  "AND vocabulary IN ('need-kind', 'resource-kind') LIMIT 1",
                                  NULL);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        label = (const char *) sqlite3_column_text (stmt, 0);
    }
  g_hash_table_insert (cache, g_strdup (kind), g_strdup (label != NULL ? label : kind));
  return g_strdup (g_hash_table_lookup (cache, kind));
}

static void
stead_area_panel_add_items (SteadAreaPanel *self,
                            SteadWorkspace *workspace,
                            GHashTable     *labels,
                            GArray         *fids,
                            gboolean        needs)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  stmt = stead_workspace_prepare (workspace,
                                  needs ? "SELECT kind, people, status FROM need WHERE fid = ?"
                                        : "SELECT kind, capacity, availability FROM resource WHERE "
                                          "fid = ?",
                                  NULL);
  for (guint i = 0; stmt != NULL && i < fids->len; i++)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, g_array_index (fids, gint64, i));
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          g_autofree char *kind = stead_area_panel_label_for (
            workspace, labels, (const char *) sqlite3_column_text (stmt, 0));
          g_autofree char *amount = g_strdup_printf ("%d", sqlite3_column_int (stmt, 1));

          g_ptr_array_add (
            rows, stead_area_panel_row_new (kind, needs ? _("Need") : _("Resource"), amount,
                                            (const char *) sqlite3_column_text (stmt, 2), NULL));
        }
    }
  g_list_store_splice (self->items, g_list_model_get_n_items (G_LIST_MODEL (self->items)), 0,
                       rows->pdata, rows->len);
}

/**
 * stead_area_panel_set_summary:
 * @self: a #SteadAreaPanel
 * @workspace: the workspace the summary is of
 * @title: the area's name
 * @summary: what is inside it
 *
 * Shows the summary: kinds first, then every need and resource.
 */
void
stead_area_panel_set_summary (SteadAreaPanel   *self,
                              SteadWorkspace   *workspace,
                              const char       *title,
                              SteadAreaSummary *summary)
{
  g_autoptr(GHashTable) labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *totals = NULL;
  gint64 people = 0, capacity = 0;

  g_return_if_fail (STEAD_IS_AREA_PANEL (self));
  g_return_if_fail (summary != NULL);

  gtk_label_set_text (GTK_LABEL (self->title), title);

  for (guint i = 0; i < summary->rows->len; i++)
    {
      SteadAreaSummaryRow *r = &g_array_index (summary->rows, SteadAreaSummaryRow, i);
      g_autofree char *kind = stead_area_panel_label_for (workspace, labels, r->kind);
      g_autofree char *needs = g_strdup_printf ("%u", r->needs);
      g_autofree char *ppl = g_strdup_printf ("%" G_GINT64_FORMAT, r->people);
      g_autofree char *res = g_strdup_printf ("%u", r->resources);
      g_autofree char *cap = g_strdup_printf ("%" G_GINT64_FORMAT, r->capacity);

      people += r->people;
      capacity += r->capacity;
      g_ptr_array_add (rows, stead_area_panel_row_new (kind, needs, ppl, res, cap));
    }
  g_list_store_splice (self->kinds, 0, g_list_model_get_n_items (G_LIST_MODEL (self->kinds)),
                       rows->pdata, rows->len);

  {
    g_autofree char *need_text = g_strdup_printf (
      ngettext ("%u open need", "%u open needs", summary->need_fids->len), summary->need_fids->len);
    g_autofree char *people_text = g_strdup_printf (ngettext ("%lld person affected",
                                                              "%lld people affected", people),
                                                    (long long) people);
    g_autofree char *resource_text = g_strdup_printf (ngettext ("%u resource", "%u resources",
                                                                summary->resource_fids->len),
                                                      summary->resource_fids->len);
    g_autofree char *capacity_text =
      g_strdup_printf (_("capacity %lld available"), (long long) capacity);

    /* Translators: e.g. "12 open needs, 20 people affected; 3 resources, capacity 40 available" */
    totals =
      g_strdup_printf (_("%s, %s; %s, %s"), need_text, people_text, resource_text, capacity_text);
  }
  gtk_label_set_text (GTK_LABEL (self->totals), totals);

  g_list_store_remove_all (self->items);
  stead_area_panel_add_items (self, workspace, labels, summary->need_fids, TRUE);
  stead_area_panel_add_items (self, workspace, labels, summary->resource_fids, FALSE);
}

GListModel *
stead_area_panel_get_kinds (SteadAreaPanel *self)
{
  g_return_val_if_fail (STEAD_IS_AREA_PANEL (self), NULL);
  return G_LIST_MODEL (self->kinds);
}

GListModel *
stead_area_panel_get_items (SteadAreaPanel *self)
{
  g_return_val_if_fail (STEAD_IS_AREA_PANEL (self), NULL);
  return G_LIST_MODEL (self->items);
}

/**
 * stead_area_panel_set_actions:
 * @self: a #SteadAreaPanel
 * @actions: (nullable): what can be done with the area shown, or %NULL
 *
 * Offers @actions in a menu in the panel's header; the menu's actions are
 * looked up from the panel up, as the window's are.
 */
void
stead_area_panel_set_actions (SteadAreaPanel *self,
                              GMenuModel     *actions)
{
  g_return_if_fail (STEAD_IS_AREA_PANEL (self));
  g_return_if_fail (actions == NULL || G_IS_MENU_MODEL (actions));

  if (!g_set_object (&self->actions, actions))
    return;
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (self->actions_button), actions);
  gtk_widget_set_visible (self->actions_button, actions != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIONS]);
}

GMenuModel *
stead_area_panel_get_actions (SteadAreaPanel *self)
{
  g_return_val_if_fail (STEAD_IS_AREA_PANEL (self), NULL);

  return self->actions;
}

static void
stead_area_panel_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  SteadAreaPanel *self = STEAD_AREA_PANEL (object);

  switch (prop_id)
    {
    case PROP_ACTIONS:
      g_value_set_object (value, self->actions);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stead_area_panel_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  SteadAreaPanel *self = STEAD_AREA_PANEL (object);

  switch (prop_id)
    {
    case PROP_ACTIONS:
      stead_area_panel_set_actions (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stead_area_panel_close_panel (GtkWidget  *widget,
                              const char *action,
                              GVariant   *param)
{
  gtk_widget_set_visible (widget, FALSE);
}

static void
stead_area_panel_dispose (GObject *object)
{
  SteadAreaPanel *self = STEAD_AREA_PANEL (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->kinds);
  g_clear_object (&self->items);
  g_clear_object (&self->actions);

  G_OBJECT_CLASS (stead_area_panel_parent_class)->dispose (object);
}

static void
stead_area_panel_class_init (SteadAreaPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = stead_area_panel_dispose;
  object_class->get_property = stead_area_panel_get_property;
  object_class->set_property = stead_area_panel_set_property;

  properties[PROP_ACTIONS] =
    g_param_spec_object ("actions", NULL, NULL, G_TYPE_MENU_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_install_action (widget_class, "area-panel.close", NULL,
                                   stead_area_panel_close_panel);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "area-panel.close", NULL);
  gtk_widget_class_set_css_name (widget_class, "steadareapanel");
}

static void
stead_area_panel_init (SteadAreaPanel *self)
{
  static const char *kind_titles[] = { N_("Kind"), N_("Needs"), N_("People"), N_("Resources"),
                                       N_("Capacity") };
  static const char *item_titles[] = { N_("Kind"), N_("What"), N_("People or capacity"),
                                       N_("Status") };
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *close = gtk_button_new_from_icon_name ("window-close-symbolic");
  GtkWidget *scroller;

  self->kinds = g_list_store_new (STEAD_TYPE_PANEL_ROW);
  self->items = g_list_store_new (STEAD_TYPE_PANEL_ROW);

  /* The panel never takes more than a column of the map: its content
   * scrolls sideways instead. */
  {
    GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

    self->box = gtk_scrolled_window_new ();
    gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->box), GTK_POLICY_AUTOMATIC,
                                    GTK_POLICY_AUTOMATIC);
    gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (self->box), TRUE);
    gtk_scrolled_window_set_max_content_width (GTK_SCROLLED_WINDOW (self->box), 420);
    gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->box), content);
    gtk_widget_add_css_class (self->box, "card");
    gtk_widget_set_parent (self->box, GTK_WIDGET (self));
    self->content = content;
  }

  self->title = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->title, "title-4");
  gtk_label_set_xalign (GTK_LABEL (self->title), 0);
  gtk_label_set_wrap (GTK_LABEL (self->title), TRUE);
  gtk_widget_set_hexpand (self->title, TRUE);
  gtk_widget_set_margin_start (self->title, 12);
  gtk_widget_set_margin_top (self->title, 6);
  gtk_box_append (GTK_BOX (header), self->title);

  /* What can be done with a drawn area. */
  self->actions_button = gtk_menu_button_new ();
  gtk_menu_button_set_label (GTK_MENU_BUTTON (self->actions_button), _("Use This Area"));
  gtk_widget_set_valign (self->actions_button, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (self->actions_button, 6);
  gtk_widget_set_visible (self->actions_button, FALSE);
  gtk_box_append (GTK_BOX (header), self->actions_button);

  gtk_widget_add_css_class (close, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (close), "area-panel.close");
  gtk_widget_set_tooltip_text (close, _("Close"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (close), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Close"), -1);
  gtk_box_append (GTK_BOX (header), close);
  gtk_box_append (GTK_BOX (self->content), header);

  self->totals = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->totals), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->totals), 0);
  gtk_widget_set_margin_start (self->totals, 12);
  gtk_widget_set_margin_end (self->totals, 12);
  gtk_widget_add_css_class (self->totals, "dim-label");
  gtk_box_append (GTK_BOX (self->content), self->totals);

  gtk_box_append (GTK_BOX (self->content),
                  stead_area_panel_column_view (G_LIST_MODEL (self->kinds), kind_titles, 5));

  scroller = gtk_scrolled_window_new ();
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (
    GTK_SCROLLED_WINDOW (scroller),
    stead_area_panel_column_view (G_LIST_MODEL (self->items), item_titles, 4));
  gtk_box_append (GTK_BOX (self->content), scroller);

  gtk_widget_set_size_request (GTK_WIDGET (self), 360, -1);
}

GtkWidget *
stead_area_panel_new (void)
{
  return g_object_new (STEAD_TYPE_AREA_PANEL, NULL);
}
