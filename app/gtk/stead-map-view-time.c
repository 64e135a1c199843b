/* stead-map-view-time.c: the map's time slider
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A button top left, beside the layer list's, shows the dates on the map
 * and opens the slider: switched on, the needs live in a window of days
 * (opened on or before its last day, not closed before its first) are
 * shown, whatever their status now; the window is the last 7 or 30 days,
 * a year, or the whole span of the workspace's needs, and its end moves
 * along that span with the scale, or a week a step with Play. Resources
 * have no dates and stay. Switched off, the map is today's again.
 *
 * Switching on reloads the points once (every status); each step then
 * filters the same index in place (stead_point_layer_set_days()), which
 * costs a pass over the points, not a rebuild.
 */

#define G_LOG_DOMAIN "stead-map-view"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "stead-area-panel-private.h"
#include "stead-map-view-private.h"

#define TIME_STEP_DAYS 7
#define TIME_INTERVAL_MS 1000

static const struct
{
  const char *label;
  int         days;   /* 0: the whole span */
} presets[] = {
  { N_("7 Days"), 7 },
  { N_("30 Days"), 30 },
  { N_("Year"), 365 },
  { N_("All"), 0 },
};

static char *
stead_map_view_time_format_day (gint32 day)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc ((gint64) day * 86400);

  /* Translators: a day on the map's time slider, strftime format */
  return g_date_time_format (time, _("%-d %b %Y"));
}

static char *
stead_map_view_time_dup_label (gint32 first,
                               gint32 last)
{
  g_autofree char *from = stead_map_view_time_format_day (first);
  g_autofree char *to = stead_map_view_time_format_day (last);

  if (first == last)
    return g_steal_pointer (&from);
  /* Translators: the dates the map shows, e.g. "1 Mar 2026 – 7 Mar 2026" */
  return g_strdup_printf (_("%s – %s"), from, to);
}

/* The window's length in days: the preset's, at most the span. */
static gint32
stead_map_view_time_length (SteadMapView *self)
{
  gint32 span = self->time_span_last - self->time_span_first + 1;

  return self->time_length > 0 ? MIN (self->time_length, span) : span;
}

static void
stead_map_view_time_apply (SteadMapView *self)
{
  g_autofree char *dates = NULL;
  gint32 first = self->time_end - stead_map_view_time_length (self) + 1;
  gboolean changed;

  if (self->time_custom_first != G_MININT32)
    first = self->time_custom_first;
  changed = self->time_on != self->time_shown_on ||
            (self->time_on &&
             (first != self->time_first || self->time_end != self->time_shown_end));
  self->time_first = first;
  self->time_shown_on = self->time_on;
  self->time_shown_end = self->time_end;
  stead_point_layer_set_days (self->points, self->time_on, first, self->time_end);

  self->time_updating = TRUE;
  gtk_switch_set_active (GTK_SWITCH (self->time_switch), self->time_on);
  gtk_range_set_range (GTK_RANGE (self->time_scale), self->time_span_first,
                       MAX (self->time_span_last, self->time_span_first + 1));
  gtk_range_set_value (GTK_RANGE (self->time_scale), self->time_end);
  self->time_updating = FALSE;
  /* A preset or Play switches it on; the scale moves a window shown. */
  gtk_widget_set_sensitive (self->time_scale, self->time_on);

  dates = self->time_on ? stead_map_view_time_dup_label (first, self->time_end) : NULL;
  gtk_label_set_text (GTK_LABEL (self->time_dates), dates != NULL ? dates : _("Today"));
  gtk_label_set_text (GTK_LABEL (self->time_label), dates != NULL ? dates : "");
  gtk_widget_set_visible (self->time_label, dates != NULL);
  gtk_button_set_icon_name (GTK_BUTTON (self->time_play), self->time_source != 0
                              ? "media-playback-pause-symbolic"
                              : "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (self->time_play, self->time_source != 0 ? _("Pause") : _("Play"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->time_play),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->time_source != 0 ? _("Pause") : _("Play"), -1);
  if (changed)
    {
      /* What the map counts follows: the summary and the shading's legend. */
      stead_map_view_refresh_summary (self);
      if (self->shade_measure != STEAD_AREA_MEASURE_NONE)
        stead_map_view_refresh_shading (self);
    }
}

/* The range the summaries count, if the slider is on: into @days. */
const gint32 *
stead_map_view_time_days (SteadMapView *self,
                          gint32       *days)
{
  if (!self->time_on)
    return NULL;
  days[0] = self->time_first;
  days[1] = self->time_end;
  return days;
}

/* The span of the workspace's needs, read again when they change. */
void
stead_map_view_time_update_span (SteadMapView *self)
{
  gint32 first, last;
  gint32 today = (gint32) (g_get_real_time () / G_USEC_PER_SEC / 86400);

  if (self->workspace == NULL || !stead_point_source_get_day_span (self->workspace, &first, &last))
    first = last = today;
  self->time_span_first = first;
  self->time_span_last = last;
  self->time_end = CLAMP (self->time_end, first, last);
  if (self->time_end == 0 || !self->time_on)
    self->time_end = last;
  stead_map_view_time_apply (self);
}

static gboolean
stead_map_view_time_tick (gpointer user_data)
{
  SteadMapView *self = user_data;

  self->time_end = MIN (self->time_end + TIME_STEP_DAYS, self->time_span_last);
  if (self->time_end >= self->time_span_last)
    {
      /* At the end: it stops there, the last window shown. */
      self->time_source = 0;
      stead_map_view_time_apply (self);
      return G_SOURCE_REMOVE;
    }
  stead_map_view_time_apply (self);
  return G_SOURCE_CONTINUE;
}

/**
 * stead_map_view_time_play:
 * @self: a #SteadMapView
 * @play: %TRUE to play, %FALSE to pause
 *
 * Steps the window through the span, a week a step, from the start if it
 * is at the end, and stops at the end. Switches the slider on.
 */
void
stead_map_view_time_play (SteadMapView *self,
                          gboolean      play)
{
  g_return_if_fail (STEAD_IS_MAP_VIEW (self));

  g_clear_handle_id (&self->time_source, g_source_remove);
  if (play)
    {
      self->time_on = TRUE;
      self->time_custom_first = G_MININT32;
      /* The whole span as one window would not move: a week at a time. */
      if (stead_map_view_time_length (self) >= self->time_span_last - self->time_span_first + 1)
        self->time_length = TIME_STEP_DAYS;
      if (self->time_end >= self->time_span_last)
        self->time_end =
          MIN (self->time_span_first + stead_map_view_time_length (self) - 1, self->time_span_last);
      self->time_source = g_timeout_add (self->time_interval, stead_map_view_time_tick, self);
    }
  stead_map_view_time_apply (self);
}

gboolean
stead_map_view_time_is_playing (SteadMapView *self)
{
  g_return_val_if_fail (STEAD_IS_MAP_VIEW (self), FALSE);

  return self->time_source != 0;
}

void
stead_map_view_time_set_interval (SteadMapView *self,
                                  guint         ms)
{
  g_return_if_fail (STEAD_IS_MAP_VIEW (self));

  self->time_interval = MAX (ms, 1);
}

/**
 * stead_map_view_set_time_range:
 * @self: a #SteadMapView
 * @on: whether the map shows a range of days rather than today
 * @first: the range's first day (days since 1 January 1970)
 * @last: its last day, included
 */
void
stead_map_view_set_time_range (SteadMapView *self,
                               gboolean      on,
                               gint32        first,
                               gint32        last)
{
  g_return_if_fail (STEAD_IS_MAP_VIEW (self));
  g_return_if_fail (!on || first <= last);

  g_clear_handle_id (&self->time_source, g_source_remove);
  self->time_on = on;
  if (on)
    {
      self->time_custom_first = first;
      self->time_end = last;
    }
  stead_map_view_time_apply (self);
}

/**
 * stead_map_view_get_time_range:
 * @self: a #SteadMapView
 * @first: (out) (optional): the first day shown
 * @last: (out) (optional): the last day shown
 *
 * Returns: whether the time slider is on
 */
gboolean
stead_map_view_get_time_range (SteadMapView *self,
                               gint32       *first,
                               gint32       *last)
{
  g_return_val_if_fail (STEAD_IS_MAP_VIEW (self), FALSE);

  if (first != NULL)
    *first = self->time_first;
  if (last != NULL)
    *last = self->time_end;
  return self->time_on;
}

static void
stead_map_view_time_on_switch (SteadMapView *self)
{
  if (self->time_updating)
    return;
  g_clear_handle_id (&self->time_source, g_source_remove);
  self->time_on = gtk_switch_get_active (GTK_SWITCH (self->time_switch));
  stead_map_view_time_apply (self);
}

static void
stead_map_view_time_on_scale (SteadMapView *self)
{
  if (self->time_updating)
    return;
  self->time_custom_first = G_MININT32;
  self->time_end = CLAMP ((gint32) gtk_range_get_value (GTK_RANGE (self->time_scale)),
                          self->time_span_first, self->time_span_last);
  stead_map_view_time_apply (self);
}

static void
stead_map_view_time_on_preset (GtkButton *button,
                               gpointer   user_data)
{
  SteadMapView *self = user_data;

  g_clear_handle_id (&self->time_source, g_source_remove);
  self->time_on = TRUE;
  self->time_custom_first = G_MININT32;
  self->time_length = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "days"));
  self->time_end = self->time_span_last;
  stead_map_view_time_apply (self);
}

static void
stead_map_view_time_on_play (SteadMapView *self)
{
  stead_map_view_time_play (self, self->time_source == 0);
}

/* The button beside the layer list's, and the slider in its popover. */
void
stead_map_view_time_init (SteadMapView *self)
{
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *child = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *title = gtk_label_new (_("Show a Period"));
  GtkWidget *presets_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *play_row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  self->time_interval = TIME_INTERVAL_MS;
  self->time_custom_first = G_MININT32;

  gtk_box_append (GTK_BOX (child), gtk_image_new_from_icon_name ("document-open-recent-symbolic"));
  self->time_label = gtk_label_new (NULL);
  gtk_widget_set_visible (self->time_label, FALSE);
  gtk_box_append (GTK_BOX (child), self->time_label);
  gtk_menu_button_set_child (GTK_MENU_BUTTON (button), child);
  gtk_widget_set_name (button, "map-time");
  gtk_widget_set_tooltip_text (button, _("Time: show the needs of a period"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Time"), -1);
  gtk_widget_add_css_class (button, "osd");
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_widget_set_valign (button, GTK_ALIGN_START);
  gtk_widget_set_margin_top (button, 12);
  gtk_widget_set_margin_start (button, 12 + 32 + 6);   /* beside the layer list's */

  /* On or off */
  gtk_widget_set_hexpand (title, TRUE);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "heading");
  gtk_box_append (GTK_BOX (row), title);
  self->time_switch = gtk_switch_new ();
  gtk_widget_set_valign (self->time_switch, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->time_switch),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Show a Period"), -1);
  g_signal_connect_swapped (self->time_switch, "notify::active",
                            G_CALLBACK (stead_map_view_time_on_switch), self);
  gtk_box_append (GTK_BOX (row), self->time_switch);
  gtk_box_append (GTK_BOX (box), row);

  self->time_controls = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_add_css_class (presets_box, "linked");
  gtk_widget_set_halign (presets_box, GTK_ALIGN_CENTER);
  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    {
      GtkWidget *preset = gtk_button_new_with_label (_(presets[i].label));

      g_object_set_data (G_OBJECT (preset), "days", GINT_TO_POINTER (presets[i].days));
      gtk_widget_set_name (preset, presets[i].label);
      g_signal_connect (preset, "clicked", G_CALLBACK (stead_map_view_time_on_preset), self);
      gtk_box_append (GTK_BOX (presets_box), preset);
    }
  gtk_box_append (GTK_BOX (self->time_controls), presets_box);

  /* The window's last day, along the span: arrow keys step a day. */
  self->time_scale = gtk_scale_new_with_range (GTK_ORIENTATION_HORIZONTAL, 0, 1, 1);
  gtk_scale_set_draw_value (GTK_SCALE (self->time_scale), FALSE);
  gtk_range_set_increments (GTK_RANGE (self->time_scale), 1, TIME_STEP_DAYS);
  gtk_widget_set_size_request (self->time_scale, 280, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->time_scale),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Last Day Shown"), -1);
  g_signal_connect_swapped (self->time_scale, "value-changed",
                            G_CALLBACK (stead_map_view_time_on_scale), self);
  gtk_box_append (GTK_BOX (self->time_controls), self->time_scale);

  self->time_play = gtk_button_new_from_icon_name ("media-playback-start-symbolic");
  gtk_widget_add_css_class (self->time_play, "circular");
  g_signal_connect_swapped (self->time_play, "clicked",
                            G_CALLBACK (stead_map_view_time_on_play), self);
  gtk_box_append (GTK_BOX (play_row), self->time_play);
  self->time_dates = gtk_label_new (NULL);
  gtk_widget_set_hexpand (self->time_dates, TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->time_dates), 0);
  gtk_box_append (GTK_BOX (play_row), self->time_dates);
  gtk_box_append (GTK_BOX (self->time_controls), play_row);
  gtk_box_append (GTK_BOX (box), self->time_controls);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);

  gtk_overlay_add_overlay (GTK_OVERLAY (self->overlay), button);
  self->time_button = button;
  stead_map_view_time_apply (self);
}

void
stead_map_view_time_dispose (SteadMapView *self)
{
  g_clear_handle_id (&self->time_source, g_source_remove);
  g_clear_pointer (&self->summary_geom, stead_geometry_unref);
  g_clear_pointer (&self->summary_title, g_free);
}

/* What the summary beside the map is of (an area's row, or a shape). */
void
stead_map_view_remember_summary (SteadMapView  *self,
                                 gint64         area_fid,
                                 SteadGeometry *geom,
                                 const char    *title)
{
  self->summary_area = area_fid;
  g_clear_pointer (&self->summary_geom, stead_geometry_unref);
  if (geom != NULL)
    self->summary_geom = stead_geometry_ref (geom);
  g_free (self->summary_title);
  self->summary_title = g_strdup (title);
}

/* The summary shown, counted again for the days now shown. */
void
stead_map_view_refresh_summary (SteadMapView *self)
{
  g_autoptr(SteadAreaSummary) summary = NULL;
  gint32 days[2];
  const gint32 *range = stead_map_view_time_days (self, days);

  if (self->workspace == NULL || self->area_panel == NULL ||
      !gtk_widget_get_visible (self->area_panel) || self->summary_title == NULL)
    return;
  if (self->summary_geom != NULL)
    summary = stead_area_summary_new_in_days (self->workspace, self->summary_geom, range, NULL);
  else if (self->summary_area != 0)
    summary = stead_area_summary_new_for_area_in_days (self->workspace, self->summary_area, range,
                                                       NULL);
  if (summary != NULL)
    stead_area_panel_set_summary (STEAD_AREA_PANEL (self->area_panel), self->workspace,
                                  self->summary_title, summary);
}
