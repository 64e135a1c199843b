/* stead-area-panel.c: the gap at a glance, beside the map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For a selected area: needs and resources by kind (people affected,
 * capacity available, in the kind's unit), capacity per unit (never
 * summed across units), needs by status, then every need and resource
 * inside (named by kind: titles are personal data), in column
 * views (recycled rows, any number of them). For an area the user drew,
 * what can be done with it ("Save as Hazard Area…") is a menu in its
 * header. Plugins add sections of their own for an area row (the
 * target groups in it, with their size, reach and gap).
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
  gint64   fid;        /* a need or resource, for an item; 0 for a kind */
  gboolean need;
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
  GtkWidget  *note;       /* e.g. a warning's instruction */
  GtkWidget  *capacity;
  GtkWidget  *statuses;
  GtkWidget  *sections;   /* plugins' headings and tables */
  GListStore *kinds;
  GListStore *items;
  GMenuModel *actions;
  gboolean    show_personal;
};

G_DEFINE_FINAL_TYPE (SteadAreaPanel, stead_area_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ACTIONS,
  PROP_SHOW_PERSONAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  ITEM_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

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
  /* A name cut short by the panel's width reads whole on hover. */
  gtk_widget_set_tooltip_text (gtk_list_item_get_child (item),
                               column == 0 ? row->columns[column] : NULL);
}

static GtkWidget *
stead_area_panel_column_view_full (GListModel          *model,
                                   const char * const  *titles,
                                   guint                n_columns,
                                   const char          *domain)
{
  GtkWidget *view = gtk_column_view_new (
    GTK_SELECTION_MODEL (gtk_single_selection_new (g_object_ref (model))));

  gtk_single_selection_set_autoselect (
    GTK_SINGLE_SELECTION (gtk_column_view_get_model (GTK_COLUMN_VIEW (view))), FALSE);
  gtk_single_selection_set_can_unselect (
    GTK_SINGLE_SELECTION (gtk_column_view_get_model (GTK_COLUMN_VIEW (view))), TRUE);

  for (guint i = 0; i < n_columns; i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;

      g_object_set_data (G_OBJECT (factory), "column", GUINT_TO_POINTER (i));
      g_signal_connect (factory, "setup", G_CALLBACK (stead_area_panel_setup_cell),
                        GUINT_TO_POINTER (i));
      g_signal_connect (factory, "bind", G_CALLBACK (stead_area_panel_bind_cell), NULL);
      column = gtk_column_view_column_new (domain != NULL ? g_dgettext (domain, titles[i])
                                                          : titles[i], factory);
      gtk_column_view_column_set_expand (column, i == 0);
      gtk_column_view_append_column (GTK_COLUMN_VIEW (view), column);
      g_object_unref (column);
    }
  gtk_widget_add_css_class (view, "data-table");
  return view;
}

static GtkWidget *
stead_area_panel_column_view (GListModel          *model,
                              const char * const  *titles,
                              guint                n_columns)
{
  return stead_area_panel_column_view_full (model, titles, n_columns, GETTEXT_PACKAGE);
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

/* Whether @table's title may be shown: not registered as personal data
 * (stead_personal_data), or the user allowed personal data. */
static gboolean
stead_area_panel_may_show_title (SteadAreaPanel *self,
                                 SteadWorkspace *workspace,
                                 const char     *table)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (self->show_personal)
    return TRUE;
  stmt = stead_workspace_prepare (workspace,
                                  "SELECT 1 FROM stead_personal_data WHERE table_name = ? "
                                  "AND column_name = 'title'",
                                  NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  return sqlite3_step (stmt) != SQLITE_ROW;
}

static const char *
stead_area_panel_status_label (const char *status)
{
  /* As the need and resource tables spell them; "assigned" is under way. */
  static const struct { const char *status, *context, *label; } labels[] = {
    { "open", "need status", NC_("need status", "open") },
    { "assigned", "need status", NC_("need status", "in progress") },
    { "met", "need status", NC_("need status", "met") },
    { "closed", "need status", NC_("need status", "closed") },
    { "cancelled", "need status", NC_("need status", "cancelled") },
    { "available", "resource availability", NC_("resource availability", "available") },
    { "limited", "resource availability", NC_("resource availability", "limited") },
    { "committed", "resource availability", NC_("resource availability", "committed") },
    { "unavailable", "resource availability", NC_("resource availability", "unavailable") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (status, labels[i].status) == 0)
      return g_dpgettext2 (GETTEXT_PACKAGE, labels[i].context, labels[i].label);
  return status;
}

/* "40 places"; a kind without a unit is a plain number. */
static char *
stead_area_panel_amount (gint64      amount,
                         const char *unit)
{
  if (unit == NULL || *unit == '\0')
    return g_strdup_printf ("%" G_GINT64_FORMAT, amount);
  /* Translators: a capacity and its unit, e.g. "40 places", "700 sandbags" */
  return g_strdup_printf (_("%lld %s"), (long long) amount, unit);
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
  gboolean titles = stead_area_panel_may_show_title (self, workspace, needs ? "need" : "resource");

  stmt = stead_workspace_prepare (workspace,
                                  needs ? "SELECT n.kind, n.people, n.status, n.title, NULL "
                                          "FROM need n WHERE n.fid = ?"
                                        : "SELECT s.kind, s.capacity, s.availability, s.title, "
                                          "t.unit FROM resource s LEFT JOIN taxonomy t ON "
                                          "t.vocabulary = 'resource-kind' AND t.code = s.kind "
                                          "WHERE s.fid = ?",
                                  NULL);
  for (guint i = 0; stmt != NULL && i < fids->len; i++)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, g_array_index (fids, gint64, i));
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          g_autofree char *kind = stead_area_panel_label_for (
            workspace, labels, (const char *) sqlite3_column_text (stmt, 0));
          const char *title = (const char *) sqlite3_column_text (stmt, 3);
          g_autofree char *amount = needs
            ? g_strdup_printf (ngettext ("%d person", "%d people", sqlite3_column_int (stmt, 1)),
                               sqlite3_column_int (stmt, 1))
            : stead_area_panel_amount (sqlite3_column_int64 (stmt, 1),
                                       (const char *) sqlite3_column_text (stmt, 4));
          SteadPanelRow *row;

          /* A title is shown only where it may be: else the kind is the name. */
          row = stead_area_panel_row_new (
            titles && title != NULL && *title != '\0' ? title : kind,
            needs ? _("Need") : _("Resource"), amount,
            stead_area_panel_status_label ((const char *) sqlite3_column_text (stmt, 2)), NULL);
          row->fid = g_array_index (fids, gint64, i);
          row->need = needs;
          g_ptr_array_add (rows, row);
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
  g_autoptr(GString) capacity = g_string_new (NULL);
  g_autoptr(GString) statuses = g_string_new (NULL);
  gint64 people = 0;

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
      g_autofree char *cap = r->resources > 0 ? stead_area_panel_amount (r->capacity, r->unit)
                                              : g_strdup ("");

      people += r->people;
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

    /* Translators: e.g. "12 open needs, 20 people affected; 3 resources" */
    totals = g_strdup_printf (_("%s, %s; %s"), need_text, people_text, resource_text);
  }
  gtk_label_set_text (GTK_LABEL (self->totals), totals);

  /* Capacity per unit: places and sandbags never add up. */
  for (guint i = 0; i < summary->capacities->len; i++)
    {
      SteadAreaCapacity *c = &g_array_index (summary->capacities, SteadAreaCapacity, i);
      g_autofree char *amount = stead_area_panel_amount (c->capacity, c->unit);

      if (capacity->len > 0)
        g_string_append (capacity, _(", "));
      g_string_append (capacity, amount);
    }
  if (capacity->len > 0)
    {
      /* Translators: the capacity inside, per unit, e.g. "40 places, 700 sandbags" */
      g_autofree char *text = g_strdup_printf (_("Available: %s"), capacity->str);
      gtk_label_set_text (GTK_LABEL (self->capacity), text);
    }
  gtk_widget_set_visible (self->capacity, capacity->len > 0);

  for (guint s = 0; s < STEAD_NEED_N_STATUSES; s++)
    {
      g_autofree char *text = NULL;

      if (summary->needs_by_status[s] == 0)
        continue;
      /* Translators: a count of needs and their status, e.g. "3 in progress" */
      text = g_strdup_printf (_("%u %s"), summary->needs_by_status[s],
                              stead_area_panel_status_label (stead_need_status_to_string (s)));
      if (statuses->len > 0)
        g_string_append (statuses, _(", "));
      g_string_append (statuses, text);
    }
  if (statuses->len > 0)
    {
      /* Translators: every need inside by status, e.g. "Needs: 5 open, 2 in progress, 9 met" */
      g_autofree char *text = g_strdup_printf (_("Needs: %s"), statuses->str);
      gtk_label_set_text (GTK_LABEL (self->statuses), text);
    }
  gtk_widget_set_visible (self->statuses, statuses->len > 0);

  g_list_store_remove_all (self->items);
  stead_area_panel_add_items (self, workspace, labels, summary->need_fids, TRUE);
  stead_area_panel_add_items (self, workspace, labels, summary->resource_fids, FALSE);
}

void
stead_area_panel_clear_sections (SteadAreaPanel *self)
{
  GtkWidget *child;

  g_return_if_fail (STEAD_IS_AREA_PANEL (self));

  while ((child = gtk_widget_get_first_child (self->sections)) != NULL)
    gtk_box_remove (GTK_BOX (self->sections), child);
  gtk_widget_set_visible (self->sections, FALSE);
}

/**
 * stead_area_panel_add_section:
 * @self: a #SteadAreaPanel
 * @heading: the section's heading, translated
 * @columns: (array zero-terminated=1): its columns' titles, translated
 * @rows: (element-type GStrv): a row of cells each, as many as columns
 *
 * Until the next summary, lists a plugin's rows for the area shown.
 */
void
stead_area_panel_add_section (SteadAreaPanel     *self,
                              const char         *heading,
                              const char * const *columns,
                              GPtrArray          *rows)
{
  g_autoptr(GListStore) store = g_list_store_new (STEAD_TYPE_PANEL_ROW);
  guint n_columns = MIN (g_strv_length ((char **) columns), 5);
  GtkWidget *label = gtk_label_new (heading);
  GtkWidget *view;

  g_return_if_fail (STEAD_IS_AREA_PANEL (self));

  for (guint i = 0; i < rows->len; i++)
    {
      const char * const *cells = g_ptr_array_index (rows, i);
      const char *c[5] = { NULL };
      g_autoptr(SteadPanelRow) row = NULL;

      for (guint j = 0; j < n_columns && cells[j] != NULL; j++)
        c[j] = cells[j];
      row = stead_area_panel_row_new (c[0], c[1], c[2], c[3], c[4]);
      g_list_store_append (store, row);
    }
  gtk_widget_add_css_class (label, "heading");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_top (label, 6);
  gtk_box_append (GTK_BOX (self->sections), label);
  /* The titles come translated: no domain looks them up again. */
  view = stead_area_panel_column_view_full (G_LIST_MODEL (store), columns, n_columns, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, heading,
                                  -1);
  g_object_set_data_full (G_OBJECT (view), "stead-section-heading", g_strdup (heading), g_free);
  g_object_set_data_full (G_OBJECT (view), "stead-section-rows", g_object_ref (store),
                          g_object_unref);
  gtk_box_append (GTK_BOX (self->sections), view);
  gtk_widget_set_visible (self->sections, TRUE);
}

char *
stead_area_panel_dup_section_text (SteadAreaPanel *self,
                                   const char     *heading)
{
  g_return_val_if_fail (STEAD_IS_AREA_PANEL (self), NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (self->sections); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GListModel *rows = g_object_get_data (G_OBJECT (child), "stead-section-rows");
      GString *text;

      if (rows == NULL ||
          g_strcmp0 (g_object_get_data (G_OBJECT (child), "stead-section-heading"), heading) != 0)
        continue;
      text = g_string_new (NULL);
      for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
        {
          g_autoptr(SteadPanelRow) row = g_list_model_get_item (rows, i);

          for (guint j = 0; j < G_N_ELEMENTS (row->columns) && row->columns[j] != NULL; j++)
            g_string_append_printf (text, "%s%s", j > 0 ? "\t" : "", row->columns[j]);
          g_string_append_c (text, '\n');
        }
      return g_string_free (text, FALSE);
    }
  return NULL;
}

/**
 * stead_area_panel_set_note:
 * @self: a #SteadAreaPanel
 * @note: (nullable): a paragraph under the title, e.g. what a warning
 *   tells people to do; %NULL hides it
 *
 * Shows its first lines; the whole is its tooltip, and can be selected
 * and copied.
 */
void
stead_area_panel_set_note (SteadAreaPanel *self,
                           const char     *note)
{
  g_return_if_fail (STEAD_IS_AREA_PANEL (self));

  gtk_label_set_text (GTK_LABEL (self->note), note != NULL ? note : "");
  gtk_widget_set_tooltip_text (self->note, note);
  gtk_widget_set_visible (self->note, note != NULL && *note != '\0');
}

const char *
stead_area_panel_get_note (SteadAreaPanel *self)
{
  g_return_val_if_fail (STEAD_IS_AREA_PANEL (self), NULL);

  return gtk_widget_get_visible (self->note) ? gtk_label_get_text (GTK_LABEL (self->note)) : NULL;
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

/**
 * stead_area_panel_set_show_personal:
 * @self: a #SteadAreaPanel
 * @show_personal: whether the user allowed personal data to be shown
 *
 * Need and resource titles are personal data (stead_personal_data): the
 * rows name their kind unless this is set. Takes effect at the next
 * stead_area_panel_set_summary().
 */
void
stead_area_panel_set_show_personal (SteadAreaPanel *self,
                                    gboolean        show_personal)
{
  g_return_if_fail (STEAD_IS_AREA_PANEL (self));

  show_personal = !!show_personal;
  if (self->show_personal == show_personal)
    return;
  self->show_personal = show_personal;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_PERSONAL]);
}

gboolean
stead_area_panel_get_show_personal (SteadAreaPanel *self)
{
  g_return_val_if_fail (STEAD_IS_AREA_PANEL (self), FALSE);

  return self->show_personal;
}

/* A row of the item list activated: its need or resource. */
static void
stead_area_panel_on_item_activated (GtkColumnView  *view,
                                    guint           position,
                                    SteadAreaPanel *self)
{
  g_autoptr(SteadPanelRow) row = g_list_model_get_item (G_LIST_MODEL (self->items), position);

  if (row != NULL && row->fid > 0)
    g_signal_emit (self, signals[ITEM_ACTIVATED], 0, row->need, row->fid);
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

    case PROP_SHOW_PERSONAL:
      g_value_set_boolean (value, self->show_personal);
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

    case PROP_SHOW_PERSONAL:
      stead_area_panel_set_show_personal (self, g_value_get_boolean (value));
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
  properties[PROP_SHOW_PERSONAL] =
    g_param_spec_boolean ("show-personal", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SteadAreaPanel::item-activated:
   * @self: the panel
   * @need: %TRUE for a need, %FALSE for a resource
   * @fid: its row
   *
   * A need or resource of the list was chosen: show it.
   */
  signals[ITEM_ACTIVATED] =
    g_signal_new ("item-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, G_TYPE_BOOLEAN, G_TYPE_INT64);

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

  self->note = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->note), TRUE);
  gtk_label_set_lines (GTK_LABEL (self->note), 6);
  gtk_label_set_ellipsize (GTK_LABEL (self->note), PANGO_ELLIPSIZE_END);
  gtk_label_set_selectable (GTK_LABEL (self->note), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->note), 0);
  gtk_widget_set_margin_start (self->note, 12);
  gtk_widget_set_margin_end (self->note, 12);
  gtk_widget_set_visible (self->note, FALSE);
  gtk_box_append (GTK_BOX (self->content), self->note);

  self->totals = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->totals), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->totals), 0);
  gtk_widget_set_margin_start (self->totals, 12);
  gtk_widget_set_margin_end (self->totals, 12);
  gtk_widget_add_css_class (self->totals, "dim-label");
  gtk_box_append (GTK_BOX (self->content), self->totals);

  self->capacity = gtk_label_new (NULL);
  self->statuses = gtk_label_new (NULL);
  for (guint i = 0; i < 2; i++)
    {
      GtkWidget *label = i == 0 ? self->capacity : self->statuses;

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_set_margin_start (label, 12);
      gtk_widget_set_margin_end (label, 12);
      gtk_widget_set_visible (label, FALSE);
      gtk_box_append (GTK_BOX (self->content), label);
    }

  self->sections = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_visible (self->sections, FALSE);
  gtk_box_append (GTK_BOX (self->content), self->sections);

  gtk_box_append (GTK_BOX (self->content),
                  stead_area_panel_column_view (G_LIST_MODEL (self->kinds), kind_titles, 5));

  scroller = gtk_scrolled_window_new ();
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  {
    GtkWidget *items = stead_area_panel_column_view (G_LIST_MODEL (self->items), item_titles, 4);

    /* A click or Enter on a need or resource shows it. */
    gtk_column_view_set_single_click_activate (GTK_COLUMN_VIEW (items), TRUE);
    g_signal_connect_object (items, "activate", G_CALLBACK (stead_area_panel_on_item_activated),
                             self, 0);
    gtk_accessible_update_property (GTK_ACCESSIBLE (items), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    _("Needs and resources inside"), -1);
    gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), items);
  }
  gtk_box_append (GTK_BOX (self->content), scroller);

  gtk_widget_set_size_request (GTK_WIDGET (self), 360, -1);
}

GtkWidget *
stead_area_panel_new (void)
{
  return g_object_new (STEAD_TYPE_AREA_PANEL, NULL);
}
