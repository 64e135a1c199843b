/* groups-map.c: the target groups' layers on the map
 *
 * Four layers, each with its switch in the map's layer list:
 * - Target Groups by Area: one group's count per area as a choropleth
 *   (five sequential classes, light to dark), or the areas' IMD decile
 *   instead; which one is chosen under the switch, with its legend.
 *   Counts are shown as they are, small ones too: the officer's window is
 *   not an export (the legend says so).
 * - Target Group Places: care homes, hostels and the like, named from
 *   street zoom (public places, never personal data).
 * - Households: counted per area; points only past the privacy zoom
 *   (groups-household-layer.c).
 * - Coverage Gaps: the areas where a group exposed to a risk is reached
 *   by no instrumental partner, hatched (groups-coverage.h).
 * A click on an area lists its groups with size, reach and gap in the
 * panel beside the map (groups_map_describe_area()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "groups"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "groups.h"
#include "groups-coverage.h"
#include "groups-household-layer.h"
#include "groups-map.h"

/* How many gaps are hatched when deprivation is shaded, not a group. */
#define GROUPS_MAP_TOP_GAPS 10

/* The shading that is not a group's counts. */
#define GROUPS_MAP_SHADE_IMD 0

#define GROUPS_TYPE_MAP (groups_map_get_type ())
G_DECLARE_FINAL_TYPE (GroupsMap, groups_map, GROUPS, MAP, GObject)

struct _GroupsMap
{
  GObject                parent_instance;

  SteadWorkspace        *workspace;
  SteadMapView          *map;        /* weak */
  SteadAreaLayer        *shaded;
  SteadAreaLayer        *gaps;
  SteadMarkerLayer      *places;
  GroupsHouseholdLayer  *households;
  SteadQueryModel       *groups;
  GroupsCoverageMonitor *coverage;
  GSimpleActionGroup    *actions;
  gint64                 shading;     /* a group's id, GROUPS_MAP_SHADE_IMD, or -1: none yet */
  gboolean               chosen;      /* by the user, not the first group by default */
  guint                  n_gap_areas;
  GtkWidget             *classes;     /* weak: the open legend's classes */
  GtkWidget             *note;        /* weak: and its note */
  GtkWidget             *gaps_text;   /* weak: what the hatching is, in the open legend */
};

G_DEFINE_FINAL_TYPE (GroupsMap, groups_map, G_TYPE_OBJECT)

/* Deciles two by two: 11 − decile, so the most deprived are darkest. */
static const double groups_map_imd_breaks[4] = { 2, 4, 6, 8 };

const char * const groups_map_area_columns[] = {
  N_("Group"), N_("People"), N_("Reached by"), N_("Gap"), NULL,
};

/* ------------------------------------------------------------------------ */
/* The choropleth and its legend                                            */

static void
groups_map_set_weak (GtkWidget **slot,
                     GtkWidget  *widget)
{
  if (*slot != NULL)
    g_object_remove_weak_pointer (G_OBJECT (*slot), (gpointer *) slot);
  *slot = widget;
  if (widget != NULL)
    g_object_add_weak_pointer (G_OBJECT (widget), (gpointer *) slot);
}

static void
groups_map_draw_swatch (GtkDrawingArea *area,
                        cairo_t        *cr,
                        int             width,
                        int             height,
                        gpointer        user_data)
{
  const double *rgb = g_object_get_data (G_OBJECT (area), "groups-rgb");

  stead_area_layer_draw_swatch (cr, GPOINTER_TO_INT (user_data), rgb, width, height);
}

/* A swatch drawn as the layer draws its areas, and its text. */
static GtkWidget *
groups_map_swatch_row (SteadAreaStyle  style,
                       const double   *rgb,
                       const char     *text)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *swatch = gtk_drawing_area_new ();
  GtkWidget *label = gtk_label_new (text);

  if (rgb != NULL)
    g_object_set_data_full (G_OBJECT (swatch), "groups-rgb", g_memdup2 (rgb, 3 * sizeof (double)),
                            g_free);
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (swatch), 22);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (swatch), 14);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (swatch), groups_map_draw_swatch,
                                  GINT_TO_POINTER (style), NULL);
  gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 36);
  gtk_box_append (GTK_BOX (row), swatch);
  gtk_box_append (GTK_BOX (row), label);
  return row;
}

static GtkWidget *
groups_map_note (const char *text)
{
  GtkWidget *note = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (note), 0);
  gtk_label_set_wrap (GTK_LABEL (note), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (note), 40);
  gtk_widget_add_css_class (note, "dim-label");
  return note;
}

/* The classes of the shading shown, and what it leaves out. */
static void
groups_map_update_legend (GroupsMap *self)
{
  GtkWidget *child;
  g_autofree char *note = NULL;
  gboolean any = FALSE;

  if (self->classes == NULL)
    return;
  while ((child = gtk_widget_get_first_child (self->classes)) != NULL)
    gtk_box_remove (GTK_BOX (self->classes), child);

  for (guint i = 0; i < 5; i++)
    {
      double from, to, rgb[3];
      g_autofree char *text = NULL;

      if (!stead_area_layer_get_class (self->shaded, i, &from, &to, rgb))
        continue;
      any = TRUE;
      if (self->shading == GROUPS_MAP_SHADE_IMD)
        {
          /* Class i holds 11 − decile in (2i, 2i + 2]. */
          int low = 9 - 2 * (int) i, high = 10 - 2 * (int) i;

          if (i == 0)
            /* TRANSLATORS: IMD deciles; 10 is the least deprived tenth */
            text = g_strdup_printf (_("Deciles %d–%d (least deprived)"), low, high);
          else if (i == 4)
            /* TRANSLATORS: IMD deciles; 1 is the most deprived tenth */
            text = g_strdup_printf (_("Deciles %d–%d (most deprived)"), low, high);
          else
            text = g_strdup_printf (_("Deciles %d–%d"), low, high);
        }
      else
        {
          /* Whole people: a class above the first starts above the last. */
          if (i > 0)
            from = floor (from) + 1;
          text = from >= to ? g_strdup_printf ("%.0f", to)
                            : g_strdup_printf ("%.0f – %.0f", from, to);
        }
      gtk_box_append (GTK_BOX (self->classes),
                      groups_map_swatch_row (STEAD_AREA_STYLE_SHADED, rgb, text));
    }

  if (self->shading == GROUPS_MAP_SHADE_IMD)
    note = g_strdup (any ? _("Index of Multiple Deprivation 2019 by decile: 1 is the most "
                             "deprived tenth of neighbourhoods in England. Not shaded: no decile.")
                         : _("No deprivation deciles in this workspace yet: import the IMD 2019 "
                             "file to shade the areas by them."));
  else if (self->shading > 0 && !any)
    note = g_strdup (_("No counts per area for this group yet."));
  else if (self->shading > 0)
    {
      int below = (int) groups_setting_get (self->workspace, "suppress-below");

      if (below > 1)
        note = g_strdup_printf (
          ngettext ("Not shaded: no count for the area. Counts under %d are shown to you here; "
                    "exports and reports leave them out.",
                    "Not shaded: no count for the area. Counts under %d are shown to you here; "
                    "exports and reports leave them out.",
                    below),
          below);
      else
        note = g_strdup (_("Not shaded: no count for the area."));
    }
  else
    note = g_strdup (_("No target groups yet: add one on the Target Groups page."));
  if (self->note != NULL)
    gtk_label_set_text (GTK_LABEL (self->note), note);
}

static void
groups_map_reload_shading (GroupsMap *self)
{
  g_autoptr(GArray) fids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));

  if (self->shading == GROUPS_MAP_SHADE_IMD)
    {
      groups_map_area_attribute (self->workspace, "imd-decile", fids, values);
      for (guint i = 0; i < values->len; i++)
        g_array_index (values, double, i) = 11 - g_array_index (values, double, i);
      stead_area_layer_set_breaks (self->shaded, groups_map_imd_breaks);
    }
  else
    {
      if (self->shading > 0)
        groups_map_group_counts (self->workspace, self->shading, fids, values);
      stead_area_layer_set_breaks (self->shaded, NULL);
    }
  stead_area_layer_set_values (self->shaded, (const gint64 *) (gpointer) fids->data,
                               (const double *) (gpointer) values->data, fids->len);
  groups_map_update_legend (self);
}

static void groups_map_on_coverage (GroupsMap *self);

static void
groups_map_set_shading (GroupsMap *self,
                        gint64     shading)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "shade-by");

  self->shading = shading;
  g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_int64 (shading));
  groups_map_reload_shading (self);
  if (self->coverage != NULL)
    groups_map_on_coverage (self);
}

static void
groups_map_shade_by (GSimpleAction *action,
                     GVariant      *value,
                     gpointer       user_data)
{
  GroupsMap *self = user_data;

  self->chosen = TRUE;
  groups_map_set_shading (self, g_variant_get_int64 (value));
}

/* The group counted most is shaded until the user chooses; a group
 * removed gives way to it again; with none, deprivation. */
static void
groups_map_on_groups_changed (GroupsMap *self)
{
  GListModel *model = G_LIST_MODEL (self->groups);
  gint64 best = GROUPS_MAP_SHADE_IMD, best_counted = -1;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SteadRecord) record = g_list_model_get_item (model, i);
      gint64 counted = stead_record_is_null (record, "counted")
                         ? 0 : stead_record_get_int (record, "counted");

      if (stead_record_get_id (record) == self->shading)
        return;
      if (counted > best_counted)
        {
          best = stead_record_get_id (record);
          best_counted = counted;
        }
    }
  if (self->shading == GROUPS_MAP_SHADE_IMD && self->chosen)
    return;
  if (best != self->shading)
    groups_map_set_shading (self, best);
}

static void
groups_map_on_shading_chosen (GtkDropDown *dropdown,
                              GParamSpec  *pspec,
                              GroupsMap   *self)
{
  GArray *ids = g_object_get_data (G_OBJECT (dropdown), "groups-ids");
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (ids != NULL && selected < ids->len && g_array_index (ids, gint64, selected) != self->shading)
    {
      self->chosen = TRUE;
      groups_map_set_shading (self, g_array_index (ids, gint64, selected));
    }
}

/* Under the layer's switch: which group (or deprivation), its classes
 * and a note. */
static GtkWidget *
groups_map_shading_legend (ShumateLayer *layer,
                           gpointer      user_data)
{
  GroupsMap *self = user_data;
  GListModel *model = G_LIST_MODEL (self->groups);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new_with_mnemonic (_("Sh_ow"));
  GtkStringList *names = gtk_string_list_new (NULL);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 imd = GROUPS_MAP_SHADE_IMD;
  guint selected = 0;
  GtkWidget *dropdown, *note;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SteadRecord) record = g_list_model_get_item (model, i);
      gint64 id = stead_record_get_id (record);

      gtk_string_list_append (names, stead_record_get_title (record));
      if (id == self->shading)
        selected = ids->len;
      g_array_append_val (ids, id);
    }
  gtk_string_list_append (names, _("Deprivation (IMD decile)"));
  if (self->shading == GROUPS_MAP_SHADE_IMD)
    selected = ids->len;
  g_array_append_val (ids, imd);

  dropdown = gtk_drop_down_new (G_LIST_MODEL (names), NULL);
  g_object_set_data_full (G_OBJECT (dropdown), "groups-ids", ids,
                          (GDestroyNotify) g_array_unref);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), selected);
  gtk_widget_set_hexpand (dropdown, TRUE);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), dropdown);
  g_signal_connect_object (dropdown, "notify::selected",
                           G_CALLBACK (groups_map_on_shading_chosen), self, 0);
  gtk_box_append (GTK_BOX (row), label);
  gtk_box_append (GTK_BOX (row), dropdown);
  gtk_box_append (GTK_BOX (box), row);

  groups_map_set_weak (&self->classes, gtk_box_new (GTK_ORIENTATION_VERTICAL, 0));
  gtk_box_append (GTK_BOX (box), self->classes);
  note = groups_map_note (NULL);
  groups_map_set_weak (&self->note, note);
  gtk_box_append (GTK_BOX (box), note);
  groups_map_update_legend (self);
  return box;
}

/* ------------------------------------------------------------------------ */
/* Gaps                                                                     */

/* A gap: a group there exposed to a risk, reached by no instrumental partner. */
static gboolean
groups_map_cell_is_gap (const GroupsCoverageCell *cell)
{
  return cell->size > 0 && cell->instrumental == 0 && cell->n_exposure > 0;
}

/* What the hatching stands for, in the open legend. */
static void
groups_map_update_gaps_legend (GroupsMap *self)
{
  g_autofree char *text = NULL;

  if (self->gaps_text == NULL)
    return;
  if (self->shading > 0)
    {
      SteadRecord *group = stead_query_model_lookup (self->groups, self->shading);

      /* TRANSLATORS: the group chosen under Target Groups by Area */
      text = g_strdup_printf (
        ngettext ("%s: exposed to a risk and reached by no instrumental partner (%u area)",
                  "%s: exposed to a risk and reached by no instrumental partner (%u areas)",
                  self->n_gap_areas),
        group != NULL ? stead_record_get_title (group) : "", self->n_gap_areas);
    }
  else
    text = g_strdup_printf (_("The %d largest gaps: a target group exposed to a risk and "
                              "reached by no instrumental partner"),
                            GROUPS_MAP_TOP_GAPS);
  gtk_label_set_text (GTK_LABEL (self->gaps_text), text);
}

/* The areas hatched: the gaps of the group shaded, or with deprivation
 * shaded, the areas of the largest gaps of any group. */
static void
groups_map_on_coverage (GroupsMap *self)
{
  GroupsCoverage *coverage = groups_coverage_monitor_get_coverage (self->coverage);
  g_autoptr(GHashTable) areas = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GArray) fids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  guint n_gaps = 0;
  GHashTableIter iter;
  gpointer key, value;

  /* Ranked: the largest gaps first. */
  for (guint i = 0; coverage != NULL && i < groups_coverage_get_n_cells (coverage); i++)
    {
      const GroupsCoverageCell *cell = groups_coverage_get_cell (coverage, i);
      double *sum;

      if (!groups_map_cell_is_gap (cell) ||
          (self->shading > 0 && cell->group != self->shading) ||
          (self->shading <= 0 && n_gaps >= GROUPS_MAP_TOP_GAPS))
        continue;
      n_gaps++;
      sum = g_hash_table_lookup (areas, &cell->area);
      if (sum == NULL)
        {
          sum = g_new0 (double, 1);
          g_hash_table_insert (areas, g_memdup2 (&cell->area, sizeof (gint64)), sum);
        }
      *sum += cell->gap;
    }
  g_hash_table_iter_init (&iter, areas);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_array_append_val (fids, *(gint64 *) key);
      g_array_append_val (values, *(double *) value);
    }
  self->n_gap_areas = fids->len;
  stead_area_layer_set_values (self->gaps, (const gint64 *) (gpointer) fids->data,
                               (const double *) (gpointer) values->data, fids->len);
  groups_map_update_gaps_legend (self);
}

static GtkWidget *
groups_map_gaps_legend (ShumateLayer *layer,
                        gpointer      user_data)
{
  GroupsMap *self = user_data;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *row = groups_map_swatch_row (STEAD_AREA_STYLE_HATCHED, NULL, NULL);

  groups_map_set_weak (&self->gaps_text, gtk_widget_get_last_child (row));
  gtk_box_append (GTK_BOX (box), row);
  gtk_box_append (GTK_BOX (box), groups_map_note (_("Click an area for its groups, their size, "
                                                    "who reaches them and the gap")));
  groups_map_update_gaps_legend (self);
  return box;
}

static GtkWidget *
groups_map_places_legend (ShumateLayer *layer,
                          gpointer      user_data)
{
  return groups_map_note (_("Care homes, hostels and the like: a heart, counted with partner "
                            "sites in a place’s badge, named from street zoom"));
}

static GtkWidget *
groups_map_households_legend (ShumateLayer *layer,
                              gpointer      user_data)
{
  GroupsMap *self = user_data;
  g_autofree char *points = g_strdup_printf (
    _("Points only from zoom %d, for lists whose agreement allows them, when personal data may "
      "be shown; never for a list past its retention date"),
    (int) groups_map_privacy_zoom (self->workspace));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);

  gtk_box_append (GTK_BOX (box), groups_map_note (_("Numbers: households of the data-sharing "
                                                    "lists in each area")));
  gtk_box_append (GTK_BOX (box), groups_map_note (points));
  return box;
}

/* ------------------------------------------------------------------------ */
/* The object that keeps the layers up to date                              */

static void
groups_map_on_workspace_changed (GroupsMap          *self,
                                 const char * const *tables)
{
  if (tables == NULL || g_strv_contains (tables, "groups_count") ||
      g_strv_contains (tables, "groups_area_attribute") || g_strv_contains (tables, "area") ||
      g_strv_contains (tables, "groups_setting"))
    groups_map_reload_shading (self);
}

static void
groups_map_dispose (GObject *object)
{
  GroupsMap *self = GROUPS_MAP (object);

  if (self->map != NULL)
    {
      gtk_widget_insert_action_group (GTK_WIDGET (self->map), "groups-map", NULL);
      g_object_remove_weak_pointer (G_OBJECT (self->map), (gpointer *) &self->map);
      self->map = NULL;
    }
  groups_map_set_weak (&self->classes, NULL);
  groups_map_set_weak (&self->note, NULL);
  groups_map_set_weak (&self->gaps_text, NULL);
  if (self->workspace != NULL)
    g_signal_handlers_disconnect_by_data (self->workspace, self);
  g_clear_object (&self->coverage);
  g_clear_object (&self->groups);
  g_clear_object (&self->shaded);
  g_clear_object (&self->gaps);
  g_clear_object (&self->places);
  g_clear_object (&self->households);
  g_clear_object (&self->actions);
  g_clear_object (&self->workspace);
  G_OBJECT_CLASS (groups_map_parent_class)->dispose (object);
}

static void
groups_map_class_init (GroupsMapClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = groups_map_dispose;
}

static void
groups_map_init (GroupsMap *self)
{
  self->shading = -1;
}

/**
 * groups_map_load:
 * @addin: the groups' window addin
 * @window: its window, with a workspace open
 *
 * Adds the layers, their legends, and the action "groups-map.shade-by"
 * (int64 state: a group's id, or 0 for the IMD decile) on the map.
 */
void
groups_map_load (SteadWindowAddin *addin,
                 SteadWindow      *window)
{
  static const GActionEntry actions[] = {
    { "shade-by", NULL, "x", "int64 -1", groups_map_shade_by },
  };
  SteadMapView *map = stead_window_get_map_view (window);
  ShumateViewport *viewport = stead_map_view_get_viewport (map);
  g_autoptr(GroupsMap) self = g_object_new (GROUPS_TYPE_MAP, NULL);

  self->workspace = g_object_ref (stead_window_get_workspace (window));
  self->map = map;
  g_object_add_weak_pointer (G_OBJECT (map), (gpointer *) &self->map);
  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), actions, G_N_ELEMENTS (actions),
                                   self);
  gtk_widget_insert_action_group (GTK_WIDGET (map), "groups-map", G_ACTION_GROUP (self->actions));

  /* A group's counts, or deprivation: off until asked for. */
  self->shaded = g_object_ref_sink (stead_area_layer_new_overlay (viewport,
                                                                  STEAD_AREA_STYLE_SHADED));
  stead_area_layer_set_workspace (self->shaded, self->workspace);
  gtk_widget_set_visible (GTK_WIDGET (self->shaded), FALSE);
  self->groups = groups_groups_new (self->workspace);
  g_signal_connect_object (self->groups, "items-changed",
                           G_CALLBACK (groups_map_on_groups_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->workspace, "changed",
                           G_CALLBACK (groups_map_on_workspace_changed), self, G_CONNECT_SWAPPED);
  groups_map_on_groups_changed (self);
  stead_window_addin_add_layer (addin, SHUMATE_LAYER (self->shaded),
                                _("Target Groups by Area"));
  stead_map_view_set_layer_legend (map, SHUMATE_LAYER (self->shaded), groups_map_shading_legend,
                                   g_object_ref (self), g_object_unref);

  /* The gaps, hatched over the shading. */
  self->gaps = g_object_ref_sink (stead_area_layer_new_overlay (viewport,
                                                                STEAD_AREA_STYLE_HATCHED));
  stead_area_layer_set_workspace (self->gaps, self->workspace);
  self->coverage = groups_coverage_monitor_new (self->workspace);
  g_signal_connect_object (self->coverage, "notify::coverage",
                           G_CALLBACK (groups_map_on_coverage), self, G_CONNECT_SWAPPED);
  groups_map_on_coverage (self);
  stead_window_addin_add_layer (addin, SHUMATE_LAYER (self->gaps), _("Coverage Gaps"));
  stead_map_view_set_layer_legend (map, SHUMATE_LAYER (self->gaps), groups_map_gaps_legend,
                                   g_object_ref (self), g_object_unref);

  /* Places: public, so named from street zoom. */
  {
    g_autoptr(SteadQueryModel) places = groups_map_places_new (self->workspace);

    self->places = g_object_ref_sink (stead_marker_layer_new (viewport, G_LIST_MODEL (places),
                                                              "emblem-favorite-symbolic", NULL));
    stead_marker_layer_set_name_field (self->places, "name");
    stead_window_addin_add_layer (addin, SHUMATE_LAYER (self->places),
                                  _("Target Group Places"));
    stead_map_view_set_layer_legend (map, SHUMATE_LAYER (self->places),
                                     groups_map_places_legend, NULL, NULL);
  }

  /* Households: personal data, counted unless all three allow points. */
  self->households = g_object_ref_sink (groups_household_layer_new (viewport, self->workspace));
  g_object_bind_property (stead_map_view_get_area_panel (map), "show-personal",
                          self->households, "show-personal", G_BINDING_SYNC_CREATE);
  stead_window_addin_add_layer (addin, SHUMATE_LAYER (self->households), _("Households"));
  stead_map_view_set_layer_legend (map, SHUMATE_LAYER (self->households),
                                   groups_map_households_legend, g_object_ref (self),
                                   g_object_unref);

  stead_window_addin_hold (addin, self);
}

/* "2 instrumental, 1 fluid", "1 fluid", or nobody: short, so the
 * group's name has the room. */
static char *
groups_map_reach_text (const GroupsCoverageCell *cell)
{
  g_autofree char *instrumental = NULL;
  g_autofree char *fluid = NULL;

  if (cell->instrumental == 0 && cell->fluid == 0)
    return g_strdup (_("nobody"));
  /* TRANSLATORS: instrumental partners reaching a group in an area */
  instrumental = g_strdup_printf (ngettext ("%u instrumental", "%u instrumental",
                                            cell->instrumental), cell->instrumental);
  /* TRANSLATORS: fluid partners (contributing, occasional) reaching a group in an area */
  fluid = g_strdup_printf (ngettext ("%u fluid", "%u fluid", cell->fluid), cell->fluid);
  if (cell->fluid == 0)
    return g_steal_pointer (&instrumental);
  if (cell->instrumental == 0)
    return g_steal_pointer (&fluid);
  /* TRANSLATORS: e.g. "1 instrumental, 2 fluid" */
  return g_strdup_printf (_("%s, %s"), instrumental, fluid);
}

/**
 * groups_map_describe_area:
 * @addin: the groups' window addin
 * @workspace: the workspace shown
 * @area: an area row
 *
 * The groups in the area, largest gap first: name, people (as counted:
 * the window is the officer's), who reaches them, and the gap score.
 *
 * Returns: (transfer full) (nullable): rows of GStrv
 */
GPtrArray *
groups_map_describe_area (SteadWindowAddin *addin,
                          SteadWorkspace   *workspace,
                          gint64            area)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GroupsCoverage) coverage = groups_coverage_compute (workspace, &error);
  g_autoptr(GPtrArray) cells = NULL;
  GPtrArray *rows;

  if (coverage == NULL)
    {
      g_message ("%s", error->message);
      return NULL;
    }
  cells = groups_coverage_list_area (coverage, area);
  if (cells == NULL || cells->len == 0)
    return NULL;
  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  for (guint i = 0; i < cells->len; i++)
    {
      const GroupsCoverageCell *cell = g_ptr_array_index (cells, i);
      char **row = g_new0 (char *, 5);

      row[0] = g_strdup (cell->group_name);
      row[1] = g_strdup_printf ("%" G_GINT64_FORMAT, cell->size);
      row[2] = groups_map_reach_text (cell);
      row[3] = g_strdup_printf ("%.0f", cell->gap);
      g_ptr_array_add (rows, row);
    }
  return rows;
}
