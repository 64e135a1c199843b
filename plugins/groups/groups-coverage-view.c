/* groups-coverage-view.c: coverage and gaps on the Target Groups page
 *
 * The gap the partnership must close, from groups-coverage.h: the ranked
 * gaps, each in words ("1,240 older people living alone in Prior's Park,
 * exposed to fluvial flooding (High), reached by no instrumental
 * partner"), and the groups × areas table (size, exposure, instrumental
 * and fluid reach, gap). Computed off the main thread and again when the
 * data changes, with a spinner meanwhile; an empty state while there is
 * nothing to rank (no groups, or none counted anywhere).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "groups"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "groups.h"
#include "groups-coverage.h"
#include "groups-page.h"

/* ------------------------------------------------------------------------ */
/* A cell as a list item                                                     */

#define GROUPS_TYPE_COVERAGE_ITEM (groups_coverage_item_get_type ())
G_DECLARE_FINAL_TYPE (GroupsCoverageItem, groups_coverage_item, GROUPS, COVERAGE_ITEM, GObject)

struct _GroupsCoverageItem
{
  GObject                   parent_instance;
  GroupsCoverage           *coverage;
  const GroupsCoverageCell *cell;
};

G_DEFINE_FINAL_TYPE (GroupsCoverageItem, groups_coverage_item, G_TYPE_OBJECT)

/* What a row shows, as properties: for accessibility tools and tests. */
enum {
  ITEM_PROP_0,
  ITEM_PROP_REASONS,
  ITEM_PROP_GAP,
  ITEM_PROP_RANK,
  ITEM_PROP_GROUP,
  ITEM_PROP_AREA,
  ITEM_N_PROPS
};

static void
groups_coverage_item_finalize (GObject *object)
{
  g_clear_pointer (&GROUPS_COVERAGE_ITEM (object)->coverage, groups_coverage_unref);
  G_OBJECT_CLASS (groups_coverage_item_parent_class)->finalize (object);
}

static void
groups_coverage_item_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  const GroupsCoverageCell *cell = GROUPS_COVERAGE_ITEM (object)->cell;

  switch (prop_id)
    {
    case ITEM_PROP_REASONS: g_value_set_string (value, cell->reasons); break;
    case ITEM_PROP_GAP: g_value_set_double (value, cell->gap); break;
    case ITEM_PROP_RANK: g_value_set_uint (value, cell->rank); break;
    case ITEM_PROP_GROUP: g_value_set_int64 (value, cell->group); break;
    case ITEM_PROP_AREA: g_value_set_int64 (value, cell->area); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
groups_coverage_item_class_init (GroupsCoverageItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = groups_coverage_item_finalize;
  object_class->get_property = groups_coverage_item_get_property;
  g_object_class_install_property (object_class, ITEM_PROP_REASONS,
                                   g_param_spec_string ("reasons", NULL, NULL, NULL, flags));
  g_object_class_install_property (
    object_class, ITEM_PROP_GAP, g_param_spec_double ("gap", NULL, NULL, 0, G_MAXDOUBLE, 0, flags));
  g_object_class_install_property (
    object_class, ITEM_PROP_RANK, g_param_spec_uint ("rank", NULL, NULL, 0, G_MAXUINT, 0, flags));
  g_object_class_install_property (
    object_class, ITEM_PROP_GROUP,
    g_param_spec_int64 ("group", NULL, NULL, 0, G_MAXINT64, 0, flags));
  g_object_class_install_property (
    object_class, ITEM_PROP_AREA, g_param_spec_int64 ("area", NULL, NULL, 0, G_MAXINT64, 0, flags));
}

static void
groups_coverage_item_init (GroupsCoverageItem *self)
{
}

/* ------------------------------------------------------------------------ */

struct _GroupsCoverageView
{
  GtkWidget              parent_instance;

  GtkStack              *state;
  GtkWidget             *summary;
  GtkWidget             *spinner;
  GtkListView           *gaps;
  GtkColumnView         *table;
  GListStore            *cells;
  GtkCustomFilter       *filter;
  char                  *search;     /* casefolded words, or NULL */

  SteadWorkspace        *workspace;
  GroupsCoverageMonitor *monitor;
  GStrv                  tables;
  gboolean               computing;
};

enum {
  PROP_0,
  PROP_COVERAGE,
  PROP_COMPUTING,
  N_PROPS
};

enum {
  GAP_ACTIVATED,
  SHOW_AREA,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (GroupsCoverageView, groups_coverage_view, GTK_TYPE_WIDGET)

gpointer
groups_coverage_view_get_coverage (GroupsCoverageView *self)
{
  g_return_val_if_fail (GROUPS_IS_COVERAGE_VIEW (self), NULL);

  return self->monitor != NULL ? groups_coverage_monitor_get_coverage (self->monitor) : NULL;
}

gboolean
groups_coverage_view_get_computing (GroupsCoverageView *self)
{
  g_return_val_if_fail (GROUPS_IS_COVERAGE_VIEW (self), FALSE);

  return self->computing;
}

static void
groups_coverage_view_set_computing (GroupsCoverageView *self,
                                    gboolean            computing)
{
  if (self->computing == computing)
    return;
  self->computing = computing;
  gtk_widget_set_visible (self->spinner, computing);
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), computing);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPUTING]);
}

static void
groups_coverage_view_on_coverage (GroupsCoverageView *self)
{
  GroupsCoverage *coverage = groups_coverage_monitor_get_coverage (self->monitor);
  guint n = coverage != NULL ? groups_coverage_get_n_cells (coverage) : 0;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  guint unreached;

  groups_coverage_view_set_computing (self, FALSE);
  for (guint i = 0; i < n; i++)
    {
      GroupsCoverageItem *item = g_object_new (GROUPS_TYPE_COVERAGE_ITEM, NULL);

      item->coverage = groups_coverage_ref (coverage);
      item->cell = groups_coverage_get_cell (coverage, i);
      g_ptr_array_add (items, item);
    }
  g_list_store_splice (self->cells, 0, g_list_model_get_n_items (G_LIST_MODEL (self->cells)),
                       items->pdata, items->len);
  if (coverage == NULL)
    gtk_stack_set_visible_child_name (self->state, "computing");
  else if (n == 0)
    gtk_stack_set_visible_child_name (self->state, "empty");
  else
    {
      g_autofree char *text = NULL;

      unreached = groups_coverage_count_unreached (coverage);
      text = unreached == 0
               ? g_strdup (_("Every exposed group is reached by an instrumental partner "
                             "wherever it is counted."))
               : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "%u place where an exposed group is reached by "
                                               "no instrumental partner, largest gap first.",
                                               "%u places where an exposed group is reached by "
                                               "no instrumental partner, largest gap first.",
                                               unreached),
                                  unreached);
      gtk_label_set_text (GTK_LABEL (self->summary), text);
      gtk_stack_set_visible_child_name (self->state, "cells");
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COVERAGE]);
}

/* A change the coverage follows: the spinner until the new one is in. */
static void
groups_coverage_view_on_changed (GroupsCoverageView *self,
                                 const char * const *tables)
{
  for (guint i = 0; self->tables != NULL && self->tables[i] != NULL; i++)
    if (stead_tables_have (tables, self->tables[i]))
      {
        groups_coverage_view_set_computing (self, TRUE);
        return;
      }
}

void
groups_coverage_view_set_workspace (GroupsCoverageView *self,
                                    SteadWorkspace     *workspace)
{
  g_return_if_fail (GROUPS_IS_COVERAGE_VIEW (self));
  g_return_if_fail (self->workspace == NULL);

  self->workspace = workspace;   /* the page's, which owns this view */
  self->tables = groups_coverage_dup_tables (workspace);
  self->monitor = groups_coverage_monitor_new (workspace);
  groups_coverage_view_set_computing (self, TRUE);
  g_signal_connect_object (self->monitor, "notify::coverage",
                           G_CALLBACK (groups_coverage_view_on_coverage), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (workspace, "changed", G_CALLBACK (groups_coverage_view_on_changed),
                           self, G_CONNECT_SWAPPED);
  if (groups_coverage_monitor_get_coverage (self->monitor) != NULL)
    groups_coverage_view_on_coverage (self);
}

/* ------------------------------------------------------------------------ */
/* The ranked gaps                                                           */

/* The page's search narrows the gaps too: every word in the reasons. */
static gboolean
groups_coverage_view_matches (gpointer item,
                              gpointer user_data)
{
  GroupsCoverageView *self = user_data;
  g_autofree char *reasons = NULL;
  g_auto(GStrv) words = NULL;

  if (self->search == NULL)
    return TRUE;
  reasons = g_utf8_casefold (GROUPS_COVERAGE_ITEM (item)->cell->reasons, -1);
  words = g_strsplit_set (self->search, " \t", -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0' && strstr (reasons, words[i]) == NULL)
      return FALSE;
  return TRUE;
}

void
groups_coverage_view_set_search (GroupsCoverageView *self,
                                 const char         *text)
{
  g_return_if_fail (GROUPS_IS_COVERAGE_VIEW (self));

  g_clear_pointer (&self->search, g_free);
  if (text != NULL && *text != '\0')
    self->search = g_utf8_casefold (text, -1);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
groups_coverage_view_on_show_area (GroupsCoverageView *self,
                                   GtkWidget          *button)
{
  GroupsCoverageItem *item = g_object_get_data (G_OBJECT (button), "item");

  if (item != NULL)
    g_signal_emit (self, signals[SHOW_AREA], 0, item->cell->area);
}

static void
groups_coverage_view_setup_gap (GtkSignalListItemFactory *factory,
                                GtkListItem              *list_item,
                                GroupsCoverageView       *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *rank = gtk_label_new (NULL);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *reasons = gtk_label_new (NULL);
  GtkWidget *detail = gtk_label_new (NULL);
  GtkWidget *show = gtk_button_new_from_icon_name ("find-location-symbolic");

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_add_css_class (rank, "title-4");
  gtk_widget_add_css_class (rank, "numeric");
  gtk_widget_set_size_request (rank, 36, -1);
  gtk_label_set_xalign (GTK_LABEL (rank), 1);
  gtk_widget_set_valign (rank, GTK_ALIGN_START);
  gtk_label_set_wrap (GTK_LABEL (reasons), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (reasons), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (reasons), 0);
  gtk_widget_set_hexpand (reasons, TRUE);
  gtk_label_set_wrap (GTK_LABEL (detail), TRUE);
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_widget_add_css_class (detail, "caption");
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_box_append (GTK_BOX (texts), reasons);
  gtk_box_append (GTK_BOX (texts), detail);
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_widget_set_name (show, "show-area");
  gtk_widget_set_tooltip_text (show, _("Show the Area on the Map"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (show), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Show the Area on the Map"), -1);
  gtk_widget_add_css_class (show, "flat");
  gtk_widget_set_valign (show, GTK_ALIGN_CENTER);
  g_signal_connect_object (show, "clicked", G_CALLBACK (groups_coverage_view_on_show_area), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (box), rank);
  gtk_box_append (GTK_BOX (box), texts);
  gtk_box_append (GTK_BOX (box), show);
  gtk_list_item_set_child (list_item, box);
}

static void
groups_coverage_view_bind_gap (GtkSignalListItemFactory *factory,
                               GtkListItem              *list_item,
                               GroupsCoverageView       *self)
{
  GroupsCoverageItem *item = gtk_list_item_get_item (list_item);
  const GroupsCoverageCell *cell = item->cell;
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *rank = gtk_widget_get_first_child (box);
  GtkWidget *texts = gtk_widget_get_next_sibling (rank);
  GtkWidget *show = gtk_widget_get_next_sibling (texts);
  GtkWidget *reasons = gtk_widget_get_first_child (texts);
  GtkWidget *detail = gtk_widget_get_next_sibling (reasons);
  g_autofree char *number = g_strdup_printf ("%u", cell->rank);
  g_autofree char *fluid = g_strdup_printf (
    g_dngettext (GETTEXT_PACKAGE, "%u fluid partner", "%u fluid partners", cell->fluid),
    cell->fluid);
  g_autofree char *text = g_strdup_printf (_("Gap %.0f · %s · %s"), cell->gap, fluid,
                                           cell->area_kind != NULL ? cell->area_kind : "");

  gtk_label_set_text (GTK_LABEL (rank), number);
  gtk_label_set_text (GTK_LABEL (reasons), cell->reasons);
  gtk_label_set_text (GTK_LABEL (detail), text);
  g_object_set_data (G_OBJECT (show), "item", item);
}

static void
groups_coverage_view_on_gap_activated (GroupsCoverageView *self,
                                       guint               position,
                                       GtkListView        *view)
{
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (view));
  g_autoptr(GroupsCoverageItem) item = g_list_model_get_item (model, position);

  if (item != NULL)
    g_signal_emit (self, signals[GAP_ACTIVATED], 0, item->cell->group, item->cell->area);
}

static void
groups_coverage_view_on_table_activated (GroupsCoverageView *self,
                                         guint               position,
                                         GtkColumnView      *view)
{
  GListModel *model = G_LIST_MODEL (gtk_column_view_get_model (view));
  g_autoptr(GroupsCoverageItem) item = g_list_model_get_item (model, position);

  if (item != NULL)
    g_signal_emit (self, signals[GAP_ACTIVATED], 0, item->cell->group, item->cell->area);
}

/* ------------------------------------------------------------------------ */
/* The groups × areas table                                                  */

typedef enum
{
  GROUPS_COLUMN_GROUP,
  GROUPS_COLUMN_AREA,
  GROUPS_COLUMN_SIZE,
  GROUPS_COLUMN_EXPOSURE,
  GROUPS_COLUMN_INSTRUMENTAL,
  GROUPS_COLUMN_FLUID,
  GROUPS_COLUMN_GAP,
} GroupsColumn;

static char *
groups_coverage_view_cell_text (const GroupsCoverageCell *cell,
                                GroupsColumn              column)
{
  switch (column)
    {
    case GROUPS_COLUMN_GROUP: return g_strdup (cell->group_name);
    case GROUPS_COLUMN_AREA: return g_strdup (cell->area_name);
    case GROUPS_COLUMN_SIZE: return g_strdup_printf ("%'" G_GINT64_FORMAT, cell->size);
    case GROUPS_COLUMN_EXPOSURE:
      if (cell->n_exposure == 0)
        return g_strdup (_("None known"));
      if (cell->exposure[0].band != NULL)
        return g_strdup_printf (_("%s (%s)"), cell->exposure[0].title, cell->exposure[0].band);
      return g_strdup (cell->exposure[0].title);
    case GROUPS_COLUMN_INSTRUMENTAL: return g_strdup_printf ("%u", cell->instrumental);
    case GROUPS_COLUMN_FLUID: return g_strdup_printf ("%u", cell->fluid);
    case GROUPS_COLUMN_GAP: return g_strdup_printf ("%.0f", cell->gap);
    default: g_assert_not_reached ();
    }
}

static void
groups_coverage_view_setup_cell (GtkSignalListItemFactory *factory,
                                 GtkListItem              *list_item,
                                 gpointer                  column)
{
  GtkWidget *label = gtk_label_new (NULL);
  GroupsColumn c = GPOINTER_TO_INT (column);
  gboolean number = c == GROUPS_COLUMN_SIZE || c == GROUPS_COLUMN_INSTRUMENTAL ||
                    c == GROUPS_COLUMN_FLUID || c == GROUPS_COLUMN_GAP;

  gtk_label_set_xalign (GTK_LABEL (label), number ? 1 : 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (number)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (list_item, label);
}

static void
groups_coverage_view_bind_cell (GtkSignalListItemFactory *factory,
                                GtkListItem              *list_item,
                                gpointer                  column)
{
  GroupsCoverageItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *label = gtk_list_item_get_child (list_item);
  g_autofree char *text = groups_coverage_view_cell_text (item->cell, GPOINTER_TO_INT (column));

  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_widget_set_tooltip_text (label, text);
  /* A cell nobody instrumental reaches is said to be a gap by its colour too. */
  if (GPOINTER_TO_INT (column) == GROUPS_COLUMN_INSTRUMENTAL && item->cell->instrumental == 0)
    gtk_widget_add_css_class (label, "error");
  else
    gtk_widget_remove_css_class (label, "error");
}

static int
groups_coverage_view_compare (gconstpointer a,
                              gconstpointer b,
                              gpointer      column)
{
  const GroupsCoverageCell *x = ((GroupsCoverageItem *) a)->cell;
  const GroupsCoverageCell *y = ((GroupsCoverageItem *) b)->cell;

  switch (GPOINTER_TO_INT (column))
    {
    case GROUPS_COLUMN_GROUP: return g_utf8_collate (x->group_name, y->group_name);
    case GROUPS_COLUMN_AREA: return g_utf8_collate (x->area_name, y->area_name);
    case GROUPS_COLUMN_SIZE: return (x->size > y->size) - (x->size < y->size);
    case GROUPS_COLUMN_EXPOSURE:
      {
        int sx = x->n_exposure > 0 ? x->exposure[0].score : 0;
        int sy = y->n_exposure > 0 ? y->exposure[0].score : 0;

        return (sx > sy) - (sx < sy);
      }
    case GROUPS_COLUMN_INSTRUMENTAL:
      return (x->instrumental > y->instrumental) - (x->instrumental < y->instrumental);
    case GROUPS_COLUMN_FLUID: return (x->fluid > y->fluid) - (x->fluid < y->fluid);
    case GROUPS_COLUMN_GAP: return (x->gap > y->gap) - (x->gap < y->gap);
    default: g_assert_not_reached ();
    }
}

static void
groups_coverage_view_add_columns (GroupsCoverageView *self)
{
  static const struct { GroupsColumn column; const char *title; gboolean expand; } columns[] = {
    { GROUPS_COLUMN_GROUP, N_("Group"), TRUE },
    { GROUPS_COLUMN_AREA, N_("Area"), TRUE },
    { GROUPS_COLUMN_SIZE, N_("Size"), FALSE },
    { GROUPS_COLUMN_EXPOSURE, N_("Exposure"), TRUE },
    { GROUPS_COLUMN_INSTRUMENTAL, N_("Instrumental"), FALSE },
    { GROUPS_COLUMN_FLUID, N_("Fluid"), FALSE },
    { GROUPS_COLUMN_GAP, N_("Gap"), FALSE },
  };
  GtkColumnViewColumn *gap = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      gpointer data = GINT_TO_POINTER (columns[i].column);
      g_autoptr(GtkColumnViewColumn) column = NULL;
      g_autoptr(GtkSorter) sorter = GTK_SORTER (
        gtk_custom_sorter_new (groups_coverage_view_compare, data, NULL));

      g_signal_connect (factory, "setup", G_CALLBACK (groups_coverage_view_setup_cell), data);
      g_signal_connect (factory, "bind", G_CALLBACK (groups_coverage_view_bind_cell), data);
      column = gtk_column_view_column_new (_(columns[i].title), factory);
      gtk_column_view_column_set_expand (column, columns[i].expand);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_sorter (column, sorter);
      gtk_column_view_append_column (self->table, column);
      if (columns[i].column == GROUPS_COLUMN_GAP)
        gap = column;
    }
  gtk_column_view_sort_by_column (self->table, gap, GTK_SORT_DESCENDING);
}

/* ------------------------------------------------------------------------ */
/* GObject                                                                   */

static void
groups_coverage_view_dispose (GObject *object)
{
  GroupsCoverageView *self = GROUPS_COVERAGE_VIEW (object);

  if (self->state != NULL)
    gtk_widget_unparent (GTK_WIDGET (g_steal_pointer (&self->state)));
  g_clear_object (&self->monitor);
  g_clear_object (&self->cells);
  g_clear_object (&self->filter);
  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->tables, g_strfreev);
  G_OBJECT_CLASS (groups_coverage_view_parent_class)->dispose (object);
}

static void
groups_coverage_view_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  GroupsCoverageView *self = GROUPS_COVERAGE_VIEW (object);

  switch (prop_id)
    {
    case PROP_COVERAGE:
      g_value_set_pointer (value, groups_coverage_view_get_coverage (self));
      break;
    case PROP_COMPUTING: g_value_set_boolean (value, self->computing); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
groups_coverage_view_class_init (GroupsCoverageViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = groups_coverage_view_dispose;
  object_class->get_property = groups_coverage_view_get_property;
  properties[PROP_COVERAGE] = g_param_spec_pointer ("coverage", NULL, NULL,
                                                    G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_COMPUTING] = g_param_spec_boolean (
    "computing", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  signals[GAP_ACTIVATED] = g_signal_new ("gap-activated", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                         G_TYPE_INT64, G_TYPE_INT64);
  signals[SHOW_AREA] = g_signal_new ("show-area", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                     NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static GtkWidget *
groups_coverage_view_scrolled (GtkWidget *child)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), child);
  gtk_widget_set_vexpand (scrolled, TRUE);
  return scrolled;
}

static void
groups_coverage_view_init (GroupsCoverageView *self)
{
  GtkWidget *computing = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *big_spinner = gtk_spinner_new ();
  GtkWidget *computing_label = gtk_label_new (_("Working out who is reached, and where…"));
  GtkWidget *empty = adw_status_page_new ();
  GtkWidget *cells = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *views = gtk_stack_new ();
  GtkWidget *switcher = gtk_stack_switcher_new ();
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkSortListModel) sorted = NULL;

  self->cells = g_list_store_new (GROUPS_TYPE_COVERAGE_ITEM);
  self->state = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_parent (GTK_WIDGET (self->state), GTK_WIDGET (self));

  gtk_widget_set_valign (computing, GTK_ALIGN_CENTER);
  gtk_spinner_set_spinning (GTK_SPINNER (big_spinner), TRUE);
  gtk_widget_set_size_request (big_spinner, 32, 32);
  gtk_widget_add_css_class (computing_label, "dim-label");
  gtk_box_append (GTK_BOX (computing), big_spinner);
  gtk_box_append (GTK_BOX (computing), computing_label);
  gtk_stack_add_named (self->state, computing, "computing");

  gtk_widget_set_name (empty, "coverage-empty");
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "dialog-warning-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("Nothing to Compare Yet"));
  adw_status_page_set_description (
    ADW_STATUS_PAGE (empty),
    _("Add how many of a group live in each area, or the places where they are, to see who is "
      "exposed, who reaches them and where nobody does."));
  gtk_stack_add_named (self->state, empty, "empty");

  /* The ranked gaps: a click or Enter opens the group. */
  g_signal_connect (factory, "setup", G_CALLBACK (groups_coverage_view_setup_gap), self);
  g_signal_connect (factory, "bind", G_CALLBACK (groups_coverage_view_bind_gap), self);
  self->filter = gtk_custom_filter_new (groups_coverage_view_matches, self, NULL);
  self->gaps = GTK_LIST_VIEW (gtk_list_view_new (
    GTK_SELECTION_MODEL (gtk_single_selection_new (G_LIST_MODEL (gtk_filter_list_model_new (
      G_LIST_MODEL (g_object_ref (self->cells)), GTK_FILTER (g_object_ref (self->filter)))))),
    factory));
  gtk_widget_set_name (GTK_WIDGET (self->gaps), "gaps");
  gtk_list_view_set_single_click_activate (self->gaps, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->gaps), "rich-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->gaps), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Gaps, largest first"), -1);
  g_signal_connect_object (self->gaps, "activate",
                           G_CALLBACK (groups_coverage_view_on_gap_activated), self,
                           G_CONNECT_SWAPPED);
  gtk_stack_add_titled (GTK_STACK (views), groups_coverage_view_scrolled (GTK_WIDGET (self->gaps)),
                        "gaps", _("Ranked Gaps"));

  self->table = GTK_COLUMN_VIEW (gtk_column_view_new (NULL));
  gtk_widget_set_name (GTK_WIDGET (self->table), "coverage-table");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->table), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Groups by area"), -1);
  groups_coverage_view_add_columns (self);
  sorted = gtk_sort_list_model_new (G_LIST_MODEL (gtk_filter_list_model_new (
                                      G_LIST_MODEL (g_object_ref (self->cells)),
                                      GTK_FILTER (g_object_ref (self->filter)))),
                                    g_object_ref (gtk_column_view_get_sorter (self->table)));
  gtk_column_view_set_model (self->table, GTK_SELECTION_MODEL (gtk_single_selection_new (
                                            G_LIST_MODEL (g_steal_pointer (&sorted)))));
  g_signal_connect_object (self->table, "activate",
                           G_CALLBACK (groups_coverage_view_on_table_activated), self,
                           G_CONNECT_SWAPPED);
  {
    GtkWidget *scrolled = groups_coverage_view_scrolled (GTK_WIDGET (self->table));

    gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_AUTOMATIC,
                                    GTK_POLICY_AUTOMATIC);
    gtk_stack_add_titled (GTK_STACK (views), scrolled, "table", _("Groups × Areas"));
  }

  gtk_stack_switcher_set_stack (GTK_STACK_SWITCHER (switcher), GTK_STACK (views));
  gtk_widget_set_name (switcher, "coverage-switcher");
  self->spinner = gtk_spinner_new ();
  gtk_widget_set_name (self->spinner, "coverage-spinner");
  gtk_widget_set_tooltip_text (self->spinner, _("Working out the coverage again"));
  gtk_widget_set_visible (self->spinner, FALSE);
  gtk_box_append (GTK_BOX (bar), switcher);
  gtk_box_append (GTK_BOX (bar), self->spinner);
  gtk_widget_set_margin_start (bar, 6);
  gtk_widget_set_margin_end (bar, 6);
  self->summary = gtk_label_new (NULL);
  gtk_widget_set_name (self->summary, "coverage-summary");
  gtk_label_set_wrap (GTK_LABEL (self->summary), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->summary), 0);
  gtk_widget_add_css_class (self->summary, "dim-label");
  gtk_widget_set_margin_start (self->summary, 6);
  gtk_widget_set_margin_end (self->summary, 6);
  gtk_box_append (GTK_BOX (cells), bar);
  gtk_box_append (GTK_BOX (cells), self->summary);
  gtk_box_append (GTK_BOX (cells), views);
  gtk_stack_add_named (self->state, cells, "cells");
  gtk_stack_set_visible_child_name (self->state, "computing");
}
