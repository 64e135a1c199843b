/* stead-position-row.c: one entry for where something is: postcode, grid reference or lat, lon
 *
 * A row of a form or detail pane that takes a position as people give
 * it: a postcode of the workspace's postcode directory, a British
 * National Grid reference ("SO 89 32") or a latitude and longitude
 * ("51.99, -2.16"), and says in its title what that resolved to, or
 * what is wrong. "Pick on Map" hides the dialog the row is in, lets the
 * user click the map of the window beneath, and brings the dialog back
 * with the position filled in.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stead-position-row"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "stead-map-view.h"
#include "stead-position-row.h"
#include "stead-window.h"

struct _SteadPositionRow
{
  AdwEntryRow     parent_instance;

  SteadWorkspace *workspace;
  GtkWidget      *pick_button;
  char           *title;        /* the row's own title, before what it resolved to */
  char           *resolved;
  char           *problem;
  double          lon;
  double          lat;
  gboolean        valid;
  gboolean        required;
  GtkWindow      *hidden;       /* the dialog hidden while picking */
  char           *return_page;  /* the page shown before picking */
};

enum {
  PROP_0,
  PROP_WORKSPACE,
  PROP_RESOLVED,
  PROP_PROBLEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (SteadPositionRow, stead_position_row, ADW_TYPE_ENTRY_ROW)

static void
stead_position_row_update (SteadPositionRow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self));
  g_autofree char *trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));

  self->valid = FALSE;
  g_clear_pointer (&self->resolved, g_free);
  g_clear_pointer (&self->problem, g_free);
  if (*trimmed == '\0')
    {
      if (self->required)
        self->problem = g_strdup (_("Give a postcode, a grid reference or a latitude and "
                                    "longitude, or pick the place on the map"));
    }
  else if (self->workspace == NULL)
    self->problem = g_strdup (_("No workspace is open"));
  else if (stead_workspace_resolve_position (self->workspace, trimmed, &self->lon, &self->lat,
                                             &description, &error))
    {
      self->valid = TRUE;
      self->resolved = g_steal_pointer (&description);
    }
  else
    self->problem = g_strdup (error->message);

  /* What the text is, in the row's title over it (an empty row is only
   * its title: the form says what it needs). */
  if (self->resolved != NULL || (self->problem != NULL && *trimmed != '\0'))
    {
      /* TRANSLATORS: a position row's title: "Position · Postcode GL20 5RL: 51.99, -2.16" */
      g_autofree char *title = g_strdup_printf (_("%s · %s"), self->title,
                                                self->resolved != NULL ? self->resolved
                                                                       : self->problem);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title);
    }
  else
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), self->title);
  if (self->problem != NULL && *trimmed != '\0')
    gtk_widget_add_css_class (GTK_WIDGET (self), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "error");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  self->resolved != NULL  ? self->resolved
                                  : self->problem != NULL ? self->problem
                                                          : "",
                                  -1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESOLVED]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBLEM]);
}

/* ------------------------------------------------------------------------ */
/* Pick on Map                                                               */

static void
stead_position_row_on_picked (gboolean picked,
                              double   lon,
                              double   lat,
                              gpointer user_data)
{
  SteadPositionRow *self = user_data;
  GtkWindow *dialog = g_steal_pointer (&self->hidden);
  g_autofree char *page = g_steal_pointer (&self->return_page);

  if (picked)
    stead_position_row_set_position (self, lon, lat);
  if (dialog != NULL)
    {
      GtkWindow *window = gtk_window_get_transient_for (dialog);

      if (page != NULL && STEAD_IS_WINDOW (window))
        stead_window_show_page (STEAD_WINDOW (window), page);
      gtk_window_present (dialog);
      g_object_unref (dialog);
    }
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
stead_position_row_on_pick (SteadPositionRow *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWindow *window = GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
  GtkWindow *dialog = NULL;
  SteadMapView *map;

  if (window != NULL && !STEAD_IS_WINDOW (window))
    {
      dialog = window;
      window = gtk_window_get_transient_for (dialog);
    }
  if (!STEAD_IS_WINDOW (window) || stead_window_get_workspace (STEAD_WINDOW (window)) == NULL)
    return;
  map = stead_window_get_map_view (STEAD_WINDOW (window));
  g_free (self->return_page);
  self->return_page = g_strdup (stead_window_get_page_id (STEAD_WINDOW (window)));
  if (dialog != NULL)
    {
      g_set_object (&self->hidden, dialog);
      gtk_widget_set_visible (GTK_WIDGET (dialog), FALSE);
    }
  stead_window_show_page (STEAD_WINDOW (window), "map");
  stead_map_view_begin_pick (map, _("Click the map where it is, or press Escape to cancel"),
                             stead_position_row_on_picked, g_object_ref (self), g_object_unref);
  gtk_widget_grab_focus (GTK_WIDGET (map));
}

/* ------------------------------------------------------------------------ */
/* API                                                                       */

/**
 * stead_position_row_new:
 * @workspace: (nullable): whose postcode directory to read
 *
 * Returns: (transfer floating): a new position row
 */
GtkWidget *
stead_position_row_new (SteadWorkspace *workspace)
{
  return g_object_new (STEAD_TYPE_POSITION_ROW, "workspace", workspace, NULL);
}

void
stead_position_row_set_workspace (SteadPositionRow *self,
                                  SteadWorkspace   *workspace)
{
  g_return_if_fail (STEAD_IS_POSITION_ROW (self));
  g_return_if_fail (workspace == NULL || STEAD_IS_WORKSPACE (workspace));

  if (!g_set_object (&self->workspace, workspace))
    return;
  stead_position_row_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKSPACE]);
}

void
stead_position_row_set_required (SteadPositionRow *self,
                                 gboolean          required)
{
  g_return_if_fail (STEAD_IS_POSITION_ROW (self));

  self->required = !!required;
  stead_position_row_update (self);
}

void
stead_position_row_set_position (SteadPositionRow *self,
                                 double            lon,
                                 double            lat)
{
  char a[G_ASCII_DTOSTR_BUF_SIZE], b[G_ASCII_DTOSTR_BUF_SIZE];
  g_autofree char *text = NULL;

  g_return_if_fail (STEAD_IS_POSITION_ROW (self));

  text = g_strdup_printf ("%s, %s", g_ascii_formatd (a, sizeof a, "%.5f", lat),
                          g_ascii_formatd (b, sizeof b, "%.5f", lon));
  gtk_editable_set_text (GTK_EDITABLE (self), text);
}

gboolean
stead_position_row_get_position (SteadPositionRow *self,
                                 double           *lon,
                                 double           *lat)
{
  g_return_val_if_fail (STEAD_IS_POSITION_ROW (self), FALSE);

  if (!self->valid)
    return FALSE;
  if (lon != NULL)
    *lon = self->lon;
  if (lat != NULL)
    *lat = self->lat;
  return TRUE;
}

const char *
stead_position_row_get_problem (SteadPositionRow *self)
{
  g_return_val_if_fail (STEAD_IS_POSITION_ROW (self), NULL);

  return self->problem;
}

const char *
stead_position_row_get_resolved (SteadPositionRow *self)
{
  g_return_val_if_fail (STEAD_IS_POSITION_ROW (self), NULL);

  return self->resolved;
}

/* ------------------------------------------------------------------------ */
/* GObject                                                                   */

static void
stead_position_row_dispose (GObject *object)
{
  SteadPositionRow *self = STEAD_POSITION_ROW (object);

  g_clear_object (&self->hidden);
  g_clear_object (&self->workspace);
  G_OBJECT_CLASS (stead_position_row_parent_class)->dispose (object);
}

static void
stead_position_row_finalize (GObject *object)
{
  SteadPositionRow *self = STEAD_POSITION_ROW (object);

  g_free (self->title);
  g_free (self->resolved);
  g_free (self->problem);
  g_free (self->return_page);
  G_OBJECT_CLASS (stead_position_row_parent_class)->finalize (object);
}

static void
stead_position_row_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  SteadPositionRow *self = STEAD_POSITION_ROW (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE: g_value_set_object (value, self->workspace); break;
    case PROP_RESOLVED: g_value_set_string (value, self->resolved); break;
    case PROP_PROBLEM: g_value_set_string (value, self->problem); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stead_position_row_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  SteadPositionRow *self = STEAD_POSITION_ROW (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      stead_position_row_set_workspace (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stead_position_row_class_init (SteadPositionRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = stead_position_row_dispose;
  object_class->finalize = stead_position_row_finalize;
  object_class->get_property = stead_position_row_get_property;
  object_class->set_property = stead_position_row_set_property;

  properties[PROP_WORKSPACE] =
    g_param_spec_object ("workspace", NULL, NULL, STEAD_TYPE_WORKSPACE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RESOLVED] =
    g_param_spec_string ("resolved", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROBLEM] =
    g_param_spec_string ("problem", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
stead_position_row_init (SteadPositionRow *self)
{
  self->title = g_strdup (_("Position"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), self->title);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self),
                               _("A postcode, a grid reference such as SO 89 32, or a latitude "
                                 "and longitude such as 51.99, -2.16"));

  self->pick_button = gtk_button_new_from_icon_name ("mark-location-symbolic");
  gtk_widget_set_valign (self->pick_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->pick_button, "flat");
  gtk_widget_set_tooltip_text (self->pick_button, _("Pick on Map"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->pick_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Pick on Map"), -1);
  gtk_widget_set_name (self->pick_button, "pick-on-map");
  g_signal_connect_object (self->pick_button, "clicked", G_CALLBACK (stead_position_row_on_pick),
                           self, G_CONNECT_SWAPPED);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (self), self->pick_button);

  g_signal_connect (self, "changed", G_CALLBACK (stead_position_row_update), NULL);
}
