/* stead-map-view-layers.c: the map's layer list popover
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Base map, offline maps, overlays with their legend, the shading of the
 * areas, and the needs filter (which statuses and kinds are shown). The
 * popover is rebuilt each time it opens, from the view's state. With no
 * network an online base map says it is offline.
 */

#define G_LOG_DOMAIN "stead-map-view"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "stead-area-layer-private.h"
#include "stead-map-view-private.h"

/* What one switch or button in the list stands for. */
typedef struct
{
  SteadMapView *self;
  char         *code;      /* a need kind or status, or an offline map's path */
  SteadBaseMap  base_map;
} SteadMapViewLayersChoice;

static SteadMapViewLayersChoice *
stead_map_view_layers_choice_new (SteadMapView *self,
                                  const char   *code,
                                  SteadBaseMap  base_map)
{
  SteadMapViewLayersChoice *choice = g_new0 (SteadMapViewLayersChoice, 1);

  choice->self = self;
  choice->code = g_strdup (code);
  choice->base_map = base_map;
  return choice;
}

static void
stead_map_view_layers_choice_free (gpointer  data,
                                   GClosure *closure)
{
  SteadMapViewLayersChoice *choice = data;

  g_free (choice->code);
  g_free (choice);
}

/* Connects @callback to @signal of @widget with a choice of its own. */
static void
stead_map_view_layers_connect_choice (gpointer      widget,
                                      const char   *signal,
                                      GCallback     callback,
                                      SteadMapView *self,
                                      const char   *code,
                                      SteadBaseMap  base_map)
{
  g_signal_connect_data (widget, signal, callback,
                         stead_map_view_layers_choice_new (self, code, base_map),
                         stead_map_view_layers_choice_free, 0);
}

static void
stead_map_view_layers_apply_need_filter (SteadMapView *self)
{
  g_autoptr(GPtrArray) kinds = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) states = g_ptr_array_new ();
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean some_hidden = g_hash_table_size (self->hidden_need_kinds) > 0;
  GHashTableIter iter;
  gpointer key;

  if (self->workspace != NULL && some_hidden)
    {
      stmt = stead_workspace_prepare (self->workspace,
                                      "SELECT code FROM taxonomy WHERE vocabulary = 'need-kind' "
                                      "UNION SELECT DISTINCT kind FROM need",
                                      NULL);
      while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
        {
          const char *kind = (const char *) sqlite3_column_text (stmt, 0);

          if (!g_hash_table_contains (self->hidden_need_kinds, kind))
            g_ptr_array_add (kinds, g_strdup (kind));
        }
    }
  g_ptr_array_add (kinds, NULL);

  g_hash_table_iter_init (&iter, self->need_states);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (states, key);
  g_ptr_array_add (states, NULL);

  stead_point_layer_set_filter (self->needs,
                                some_hidden ? (const char * const *) kinds->pdata : NULL,
                                (const char * const *) states->pdata);
}

static void
stead_map_view_layers_on_kind_toggled (GtkCheckButton           *check,
                                       SteadMapViewLayersChoice *choice)
{
  SteadMapView *self = choice->self;

  if (gtk_check_button_get_active (check))
    g_hash_table_remove (self->hidden_need_kinds, choice->code);
  else
    g_hash_table_add (self->hidden_need_kinds, g_strdup (choice->code));
  stead_map_view_layers_apply_need_filter (self);
}

static void
stead_map_view_layers_on_state_toggled (GtkCheckButton           *check,
                                        SteadMapViewLayersChoice *choice)
{
  SteadMapView *self = choice->self;

  if (gtk_check_button_get_active (check))
    g_hash_table_add (self->need_states, g_strdup (choice->code));
  else
    g_hash_table_remove (self->need_states, choice->code);
  stead_map_view_layers_apply_need_filter (self);
}

static void
stead_map_view_layers_on_base_map_toggled (GtkCheckButton           *check,
                                           SteadMapViewLayersChoice *choice)
{
  if (gtk_check_button_get_active (check))
    stead_map_view_set_base_map (choice->self, choice->base_map);
}

static void
stead_map_view_layers_on_remove_offline_map (GtkButton                *button,
                                             SteadMapViewLayersChoice *choice)
{
  SteadMapView *self = choice->self;
  g_autofree char *path = g_strdup (choice->code);

  /* The list is rebuilt when it opens again; this row may go with it. */
  stead_map_view_remove_mbtiles (self, path);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (self->layers_button));
}

static GtkWidget *
stead_map_view_layers_section (GtkWidget  *box,
                               const char *title)
{
  GtkWidget *label = gtk_label_new (title);

  gtk_widget_add_css_class (label, "heading");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_top (label, 6);
  gtk_box_append (GTK_BOX (box), label);
  return label;
}

static GtkWidget *
stead_map_view_layers_swatch_row (const char   *text,
                                  const double  rgb[3],
                                  gboolean      square)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *dot = gtk_label_new (square ? "■" : "●");
  g_autofree char *markup = NULL;

  markup = g_strdup_printf ("<span foreground=\"#%02x%02x%02x\">%s</span>",
                            (int) (rgb[0] * 255), (int) (rgb[1] * 255), (int) (rgb[2] * 255),
                            square ? "■" : "●");
  gtk_label_set_markup (GTK_LABEL (dot), markup);
  gtk_box_append (GTK_BOX (row), dot);
  gtk_box_append (GTK_BOX (row), gtk_label_new (text));
  return row;
}

/* A note or legend row, indented under its layer. */
static void
stead_map_view_layers_append_indented (GtkWidget *box,
                                       GtkWidget *child)
{
  gtk_widget_set_margin_start (child, 24);
  gtk_box_append (GTK_BOX (box), child);
}

/* The legend of the shading: five classes of equal numbers of areas. */
void
stead_map_view_layers_update_legend (SteadMapView *self)
{
  GtkWidget *child;

  if (self->shade_legend == NULL)
    return;
  while ((child = gtk_widget_get_first_child (self->shade_legend)) != NULL)
    gtk_box_remove (GTK_BOX (self->shade_legend), child);

  for (guint i = 0; i < 5; i++)
    {
      double from, to, rgb[3];
      g_autofree char *text = NULL;

      if (!stead_area_layer_get_class (self->areas, i, &from, &to, rgb))
        continue;
      /* Sums of whole things; classes above the first start above. */
      if (i > 0)
        from = floor (from) + 1;
      if (from >= to)
        text = g_strdup_printf ("%.0f", to);
      else
        text = g_strdup_printf ("%.0f – %.0f", from, to);
      stead_map_view_layers_append_indented (self->shade_legend,
                                             stead_map_view_layers_swatch_row (text, rgb, TRUE));
    }
}

static void
stead_map_view_layers_on_shade_selected (GtkDropDown  *dropdown,
                                         GParamSpec   *pspec,
                                         SteadMapView *self)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  stead_map_view_set_area_shading (self, (SteadAreaMeasure) selected - 1);
}

/* One of the base maps, a radio button in @group (NULL for the first). */
static GtkWidget *
stead_map_view_layers_add_base_map (SteadMapView *self,
                                    GtkWidget    *box,
                                    GtkWidget    *group,
                                    const char   *label,
                                    SteadBaseMap  base_map)
{
  g_autofree char *offline = NULL;
  GtkWidget *check;

  /* TRANSLATORS: a base map that cannot be shown for want of a network */
  if (self->offline && base_map != STEAD_BASE_MAP_OFFLINE)
    label = offline = g_strdup_printf (_("%s — Offline"), label);
  check = gtk_check_button_new_with_label (label);
  if (group != NULL)
    gtk_check_button_set_group (GTK_CHECK_BUTTON (check), GTK_CHECK_BUTTON (group));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), self->base_map == base_map);
  stead_map_view_layers_connect_choice (check, "toggled",
                                        G_CALLBACK (stead_map_view_layers_on_base_map_toggled),
                                        self, NULL, base_map);
  gtk_box_append (GTK_BOX (box), check);
  return check;
}

/* The offline maps, each with a button that removes it, and one to add. */
static void
stead_map_view_layers_add_offline_maps (SteadMapView *self,
                                        GtkWidget    *box)
{
  g_auto(GStrv) maps = stead_map_view_get_mbtiles (self);
  GtkWidget *add;

  for (guint i = 0; maps[i] != NULL; i++)
    {
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      g_autofree char *name = g_path_get_basename (maps[i]);
      GtkWidget *label = gtk_label_new (name);
      GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");

      gtk_widget_set_hexpand (label, TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, _("Remove This Offline Map"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Remove This Offline Map"), -1);
      stead_map_view_layers_connect_choice (
        remove, "clicked", G_CALLBACK (stead_map_view_layers_on_remove_offline_map),
        self, maps[i], STEAD_BASE_MAP_OFFLINE);
      gtk_box_append (GTK_BOX (row), label);
      gtk_box_append (GTK_BOX (row), remove);
      gtk_box_append (GTK_BOX (box), row);
    }
  add = gtk_button_new_with_mnemonic (_("_Add Offline Map…"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (add), "map.add-offline-map");
  gtk_box_append (GTK_BOX (box), add);
}

static void
stead_map_view_layers_add_base_maps (SteadMapView *self,
                                     GtkWidget    *box)
{
  GtkWidget *offline;

  stead_map_view_layers_section (box, _("Base Map"));
  offline = stead_map_view_layers_add_base_map (self, box, NULL, _("Offline background only"),
                                                STEAD_BASE_MAP_OFFLINE);
  stead_map_view_layers_add_base_map (self, box, offline, _("OpenStreetMap"),
                                      STEAD_BASE_MAP_OPENSTREETMAP);
  if (self->custom != NULL)
    stead_map_view_layers_add_base_map (self, box, offline, _("Custom tile server"),
                                        STEAD_BASE_MAP_CUSTOM);
  stead_map_view_layers_add_offline_maps (self, box);
}

/* A switch for a layer, bound both ways to whether it is drawn. */
static void
stead_map_view_layers_add_switch (GtkWidget  *box,
                                  gpointer    layer,
                                  const char *title)
{
  GtkWidget *check = gtk_check_button_new_with_label (title);

  g_object_bind_property (layer, "visible", check, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  gtk_box_append (GTK_BOX (box), check);
}

/* A CAP severity's outline, drawn as on the map. */
static void
stead_map_view_layers_draw_severity (GtkDrawingArea *area,
                                     cairo_t        *cr,
                                     int             width,
                                     int             height,
                                     gpointer        user_data)
{
  double rgb[3], dashes[2];
  int n_dashes;

  stead_area_layer_warning_style (user_data, rgb, dashes, &n_dashes);
  cairo_rectangle (cr, 1.5, 1.5, width - 3, height - 3);
  cairo_set_source_rgba (cr, rgb[0], rgb[1], rgb[2], 0.18);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
  cairo_set_line_width (cr, 3.0);
  if (n_dashes > 0 && dashes[0] < 3)
    cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_dash (cr, dashes, n_dashes, 0);
  cairo_stroke (cr);
}

/* Hazard zones and CAP warnings, each with a switch; the warnings'
 * legend: a colour and a dash for each severity. */
static void
stead_map_view_layers_add_hazards (SteadMapView *self,
                                   GtkWidget    *box)
{
  static const struct { const char *severity; const char *label; } severities[] = {
    { "Extreme", N_("Extreme: dark red, solid") },
    { "Severe", N_("Severe: red-orange, long dashes") },
    { "Moderate", N_("Moderate: amber, short dashes") },
    { "Minor", N_("Minor: yellow, dotted") },
  };
  static const double hazard_rgb[3] = { 0.11, 0.44, 0.85 };
  GtkWidget *check;

  check = gtk_check_button_new_with_label (_("Hazard Areas"));
  g_object_bind_property (self->areas, "show-hazards", check, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  gtk_box_append (GTK_BOX (box), check);
  stead_map_view_layers_append_indented (
    box, stead_map_view_layers_swatch_row (_("Blue: flood and planning zones"), hazard_rgb, TRUE));

  check = gtk_check_button_new_with_label (_("CAP Warnings"));
  g_object_bind_property (self->areas, "show-warnings", check, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  gtk_box_append (GTK_BOX (box), check);
  for (guint i = 0; i < G_N_ELEMENTS (severities); i++)
    {
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *swatch = gtk_drawing_area_new ();

      gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (swatch), 22);
      gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (swatch), 14);
      gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (swatch),
                                      stead_map_view_layers_draw_severity,
                                      (gpointer) severities[i].severity, NULL);
      gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (row), swatch);
      gtk_box_append (GTK_BOX (row), gtk_label_new (_(severities[i].label)));
      stead_map_view_layers_append_indented (box, row);
    }
}

/* "Shade by" a measure, and the legend of the shading under it. */
static void
stead_map_view_layers_add_shading (SteadMapView *self,
                                   GtkWidget    *box)
{
  /* In the order of SteadAreaMeasure, after "not shaded". */
  static const char *measures[] = {
    N_("Not Shaded"), N_("Open Needs"), N_("People Affected"), N_("Resources"),
    N_("Capacity Available"),
  };
  GtkStringList *names = gtk_string_list_new (NULL);
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new_with_mnemonic (_("_Shade by"));
  GtkWidget *dropdown;

  for (guint i = 0; i < G_N_ELEMENTS (measures); i++)
    gtk_string_list_append (names, _(measures[i]));
  dropdown = gtk_drop_down_new (G_LIST_MODEL (names), NULL);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), (guint) (self->shade_measure + 1));
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), dropdown);
  gtk_widget_set_margin_start (row, 24);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  g_signal_connect (dropdown, "notify::selected",
                    G_CALLBACK (stead_map_view_layers_on_shade_selected), self);
  gtk_box_append (GTK_BOX (row), label);
  gtk_box_append (GTK_BOX (row), dropdown);
  gtk_box_append (GTK_BOX (box), row);

  /* The last list's legend is going: stop it clearing this pointer. */
  if (self->shade_legend != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->shade_legend), (gpointer *) &self->shade_legend);
  self->shade_legend = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  g_object_add_weak_pointer (G_OBJECT (self->shade_legend), (gpointer *) &self->shade_legend);
  gtk_box_append (GTK_BOX (box), self->shade_legend);
  stead_map_view_layers_update_legend (self);
}

/* The overlays: areas, needs, the plugins' layers, then resources, each
 * with what its marks mean. */
static void
stead_map_view_layers_add_overlays (SteadMapView *self,
                                    GtkWidget    *box)
{
  static const char *need_notes[] = {
    N_("Colour and shape: the kind of need (below)"),
    N_("Larger: high or critical urgency"),
    N_("Dark ring: assigned"),
    N_("A place’s badge: needs (round), resources (square), partner sites (house)"),
  };
  static const char *rings[] = {
    N_("White ring: available"), N_("Amber ring: limited"), N_("Dark ring: committed"),
  };
  static const double ring_rgb[3][3] = {
    { 0.6, 0.6, 0.6 }, { 0.96, 0.76, 0.07 }, { 0.24, 0.22, 0.27 },
  };

  stead_map_view_layers_section (box, _("Layers"));
  stead_map_view_layers_add_switch (box, self->areas, _("Areas"));
  stead_map_view_layers_add_shading (self, box);
  stead_map_view_layers_add_hazards (self, box);

  stead_map_view_layers_add_switch (box, self->needs, _("Needs"));
  for (guint i = 0; i < G_N_ELEMENTS (need_notes); i++)
    {
      GtkWidget *note = gtk_label_new (_(need_notes[i]));

      gtk_label_set_xalign (GTK_LABEL (note), 0);
      gtk_widget_add_css_class (note, "dim-label");
      stead_map_view_layers_append_indented (box, note);
    }
  for (guint i = 0; i < self->named_layers->len; i++)
    {
      SteadMapViewNamedLayer *named = g_ptr_array_index (self->named_layers, i);
      GtkWidget *legend;

      stead_map_view_layers_add_switch (box, named->layer, named->title);
      /* The plugin's legend, or its choice of what the layer shows. */
      if (named->legend != NULL && (legend = named->legend (named->layer, named->legend_data)))
        stead_map_view_layers_append_indented (box, legend);
    }

  stead_map_view_layers_add_switch (box, self->resources, _("Resources"));
  for (guint i = 0; i < G_N_ELEMENTS (rings); i++)
    stead_map_view_layers_append_indented (box,
                                           stead_map_view_layers_swatch_row (_(rings[i]),
                                                                             ring_rgb[i], TRUE));
}

static void
stead_map_view_layers_draw_kind (GtkDrawingArea *area,
                                 cairo_t        *cr,
                                 int             width,
                                 int             height,
                                 gpointer        user_data)
{
  guint sort = GPOINTER_TO_UINT (user_data);
  GdkRGBA colour;

  stead_point_layer_kind_colour (sort, &colour);
  stead_point_layer_draw_kind_symbol (cr, sort, width / 2.0, height / 2.0, 6);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, 2.5);
  cairo_stroke_preserve (cr);
  gdk_cairo_set_source_rgba (cr, &colour);
  cairo_fill (cr);
}

/* A kind of need, its label led by its colour and shape on the map: the legend. */
static void
stead_map_view_layers_add_kind (SteadMapView *self,
                                GtkWidget    *box,
                                const char   *code,
                                const char   *text,
                                guint         sort)
{
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *symbol = gtk_drawing_area_new ();

  /* The kind's colour and shape, as on the map. */
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (symbol), 16);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (symbol), 16);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (symbol), stead_map_view_layers_draw_kind,
                                  GUINT_TO_POINTER (sort), NULL);
  gtk_box_append (GTK_BOX (row), symbol);
  gtk_box_append (GTK_BOX (row), gtk_label_new (text));
  gtk_check_button_set_child (GTK_CHECK_BUTTON (check), row);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                               !g_hash_table_contains (self->hidden_need_kinds, code));
  stead_map_view_layers_connect_choice (check, "toggled",
                                        G_CALLBACK (stead_map_view_layers_on_kind_toggled),
                                        self, code, STEAD_BASE_MAP_OFFLINE);
  gtk_box_append (GTK_BOX (box), check);
}

/* Which needs are shown: by status, then by kind. */
static void
stead_map_view_layers_add_need_filter (SteadMapView *self,
                                       GtkWidget    *box)
{
  static const struct { const char *code; const char *label; } states[] = {
    { "open", N_("Open") }, { "assigned", N_("Assigned") }, { "met", N_("Met") },
    { "closed", N_("Closed") },
  };
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stead_map_view_layers_section (box, _("Needs Shown"));
  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    {
      GtkWidget *check = gtk_check_button_new_with_label (_(states[i].label));

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   g_hash_table_contains (self->need_states, states[i].code));
      stead_map_view_layers_connect_choice (check, "toggled",
                                            G_CALLBACK (stead_map_view_layers_on_state_toggled),
                                            self, states[i].code, STEAD_BASE_MAP_OFFLINE);
      gtk_box_append (GTK_BOX (box), check);
    }

  if (self->workspace != NULL)
    stmt = stead_workspace_prepare (self->workspace,
                                    "SELECT code, label, sort FROM taxonomy "
                                    "WHERE vocabulary = 'need-kind' ORDER BY sort",
                                    NULL);
  if (stmt != NULL)
    stead_map_view_layers_section (box, _("Kinds of Need"));
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    stead_map_view_layers_add_kind (self, box, (const char *) sqlite3_column_text (stmt, 0),
                                    (const char *) sqlite3_column_text (stmt, 1),
                                    sqlite3_column_int (stmt, 2));
}

/* The layers popover, rebuilt each time it opens. */
static void
stead_map_view_layers_create_popup (GtkMenuButton *button,
                                    gpointer       user_data)
{
  SteadMapView *self = user_data;
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *popover = gtk_popover_new ();

  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);

  stead_map_view_layers_add_base_maps (self, box);
  stead_map_view_layers_add_overlays (self, box);
  stead_map_view_layers_add_need_filter (self, box);

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), box);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 480);
  gtk_popover_set_child (GTK_POPOVER (popover), scroller);
  gtk_menu_button_set_popover (button, popover);
}

/* The layer list's button, top left, and the needs filter's state:
 * open and assigned needs shown, every kind. */
void
stead_map_view_layers_init (SteadMapView *self)
{
  GtkWidget *button = gtk_menu_button_new ();

  self->layers_button = button;
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-list-bullet-symbolic");
  gtk_widget_set_tooltip_text (button, _("Base Map and Layers"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Base Map and Layers"), -1);
  gtk_widget_add_css_class (button, "osd");
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_widget_set_valign (button, GTK_ALIGN_START);
  gtk_widget_set_margin_top (button, 12);
  gtk_widget_set_margin_start (button, 12);
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (button),
                                         stead_map_view_layers_create_popup, self, NULL);
  gtk_overlay_add_overlay (GTK_OVERLAY (self->overlay), button);

  self->hidden_need_kinds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->need_states = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_add (self->need_states, g_strdup ("open"));
  g_hash_table_add (self->need_states, g_strdup ("assigned"));
}

void
stead_map_view_layers_dispose (SteadMapView *self)
{
  if (self->shade_legend != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->shade_legend), (gpointer *) &self->shade_legend);
  self->shade_legend = NULL;
  g_clear_pointer (&self->hidden_need_kinds, g_hash_table_unref);
  g_clear_pointer (&self->need_states, g_hash_table_unref);
}
