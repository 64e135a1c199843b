/* stead-application.c: the application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stead-application"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "stead-application.h"
#include "stead-renderer.h"
#include "stead-preferences-window.h"
#include "stead-window.h"

#define MAX_RECENTS 10

struct _SteadApplication
{
  AdwApplication     parent_instance;

  GSettings         *settings;
  SteadPluginEngine *engine;
  gboolean           bench;
};

G_DEFINE_FINAL_TYPE (SteadApplication, stead_application, ADW_TYPE_APPLICATION)

enum {
  TILE_KEY_CHANGED,
  SHOW_HELP,
  N_SIGNALS
};

/* The user guide, installed for Yelp under this id (help/meson.build). */
#define HELP_URI "help:" APP_ID

static guint signals[N_SIGNALS];

SteadApplication *
stead_application_new (void)
{
  return g_object_new (STEAD_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/steadapp/Stead",
                       NULL);
}

SteadPluginEngine *
stead_application_get_plugin_engine (SteadApplication *self)
{
  g_return_val_if_fail (STEAD_IS_APPLICATION (self), NULL);

  return self->engine;
}

GSettings *
stead_application_get_settings (SteadApplication *self)
{
  g_return_val_if_fail (STEAD_IS_APPLICATION (self), NULL);

  return self->settings;
}

/**
 * stead_application_add_recent:
 * @self: a #SteadApplication
 * @path: a workspace just opened
 *
 * Puts @path first in the recent workspaces.
 */
void
stead_application_add_recent (SteadApplication *self,
                              const char       *path)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *absolute = NULL;
  g_auto(GStrv) old = NULL;
  g_auto(GStrv) now = NULL;
  guint n = 1;

  g_return_if_fail (STEAD_IS_APPLICATION (self));
  g_return_if_fail (path != NULL);

  absolute = g_canonicalize_filename (path, NULL);
  g_strv_builder_add (builder, absolute);
  old = g_settings_get_strv (self->settings, "recent-workspaces");
  for (guint i = 0; old[i] != NULL && n < MAX_RECENTS; i++)
    if (!g_str_equal (old[i], absolute))
      {
        g_strv_builder_add (builder, old[i]);
        n++;
      }
  now = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "recent-workspaces", (const char * const *) now);
}

static SteadWindow *
stead_application_window_for_workspace (SteadApplication *self)
{
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (STEAD_IS_WINDOW (active) && stead_window_get_workspace (STEAD_WINDOW (active)) == NULL)
    return STEAD_WINDOW (active);
  return stead_window_new (ADW_APPLICATION (self));
}

static void
stead_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (stead_window_new (ADW_APPLICATION (app)));
  gtk_window_present (window);
}

/* Opening waits for the window's first frame, so the window shows at once
 * and the data loads after it. */
typedef struct
{
  SteadApplication *app;
  SteadWindow      *window;
  char             *path;
  gulong            handler;
} PendingOpen;

static void
stead_application_bench_quit (gpointer user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static gboolean
stead_application_open_pending (gpointer user_data)
{
  PendingOpen *pending = user_data;
  g_autoptr(GError) error = NULL;

  if (!stead_window_open_workspace (pending->window, pending->path, &error))
    {
      g_autofree char *name = g_path_get_basename (pending->path);
      g_autofree char *heading = g_strdup_printf (_("Could not open “%s”"), name);
      GtkWidget *dialog =
        adw_message_dialog_new (GTK_WINDOW (pending->window), heading, error->message);

      g_warning ("%s", error->message);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }

  if (pending->app->bench)
    {
      /* bench/startup reads these CLOCK_MONOTONIC times. */
      printf ("workspace-loaded %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
      fflush (stdout);
      /* Not at once: the offline background's geography is still loading
       * on a worker (netcdf's first open initialises libcurl and OpenSSL),
       * and exiting under it crashed one start in ten. */
      g_timeout_add_once (1000, stead_application_bench_quit, pending->app);
    }

  g_object_unref (pending->window);
  g_free (pending->path);
  g_free (pending);
  return G_SOURCE_REMOVE;
}

static void
stead_application_on_after_paint (GdkFrameClock *clock,
                                  PendingOpen   *pending)
{
  g_signal_handler_disconnect (clock, pending->handler);
  if (pending->app->bench)
    {
      GtkWidget *window = GTK_WIDGET (pending->window);

      printf ("first-frame %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
      /* For the empty window it is set beside: the same size. */
      printf ("window-size %d %d\n", gtk_widget_get_width (window),
              gtk_widget_get_height (window));
      fflush (stdout);
    }
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, stead_application_open_pending, pending, NULL);
}

static void
stead_application_on_window_realized (GtkWidget   *widget,
                                      PendingOpen *pending)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

  g_signal_handlers_disconnect_by_func (widget, stead_application_on_window_realized, pending);
  pending->handler =
    g_signal_connect (clock, "after-paint", G_CALLBACK (stead_application_on_after_paint), pending);
}

static void
stead_application_open (GApplication  *app,
                        GFile        **files,
                        int            n_files,
                        const char    *hint)
{
  SteadApplication *self = STEAD_APPLICATION (app);

  for (int i = 0; i < n_files; i++)
    {
      SteadWindow *window = stead_application_window_for_workspace (self);
      PendingOpen *pending = g_new0 (PendingOpen, 1);

      pending->app = self;
      pending->window = g_object_ref (window);
      pending->path = g_file_get_path (files[i]);
      if (pending->path == NULL)
        pending->path = g_file_get_uri (files[i]);

      stead_window_prepare_open (window, pending->path);
      if (gtk_widget_get_realized (GTK_WIDGET (window)))
        g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, stead_application_open_pending, pending, NULL);
      else
        g_signal_connect (window, "realize", G_CALLBACK (stead_application_on_window_realized),
                          pending);
      gtk_window_present (GTK_WINDOW (window));
    }
}

static void
stead_application_preferences_action (GSimpleAction *action,
                                      GVariant      *param,
                                      gpointer       user_data)
{
  SteadApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *window = stead_preferences_window_new (parent, self->engine, self->settings);

  gtk_window_present (GTK_WINDOW (window));
}

static void
stead_application_about_action (GSimpleAction *action,
                                GVariant      *param,
                                gpointer       user_data)
{
  SteadApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  const char *developers[] = { "The Stead developers", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW, "transient-for", parent, "application-name",
                        _("Stead"), "application-icon", APP_ID, "developer-name",
                        _("The Stead developers"), "version", PACKAGE_VERSION, "comments",
                        _("Know who is at risk, what they will need, and who can help."),
                        "license-type", GTK_LICENSE_GPL_3_0, "developers", developers,
                        "translator-credits", _("translator-credits"), NULL);
  adw_about_window_add_legal_section (
    ADW_ABOUT_WINDOW (about), _("Map data"), _("© OpenStreetMap contributors"),
    GTK_LICENSE_CUSTOM, _("OpenStreetMap data is available under the Open Database License."));
  /* The statements are the licence's own words: not translated. */
  adw_about_window_add_legal_section (
    ADW_ABOUT_WINDOW (about), _("Demo area"), STEAD_DEMO_ATTRIBUTION, GTK_LICENSE_CUSTOM,
    _("The demo area is Tewkesbury borough: its boundary and wards of 2013, its LSOAs of 2011 "
      "and its OS Code-Point Open postcodes of August 2014, open data under the Open "
      "Government Licence v3.0. Every record on them is fictional."));
  gtk_window_present (GTK_WINDOW (about));
}

static void
stead_application_on_help_shown (GObject      *source,
                                 GAsyncResult *result,
                                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!gtk_show_uri_full_finish (GTK_WINDOW (source), result, &error))
    {
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (source),
                                                  _("The User Guide Could Not Be Opened"), NULL);

      adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                      _("Stead’s guide opens in the Help application "
                                        "(Yelp), which could not be started (%s). Install "
                                        "Yelp to read the guide."),
                                      error->message);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

static gboolean
stead_application_real_show_help (SteadApplication *self,
                                  const char       *uri)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  gtk_show_uri_full (window, uri, GDK_CURRENT_TIME, NULL, stead_application_on_help_shown, NULL);
  return TRUE;
}

static void
stead_application_help_action (GSimpleAction *action,
                               GVariant      *param,
                               gpointer       user_data)
{
  gboolean handled = FALSE;

  g_signal_emit (user_data, signals[SHOW_HELP], 0, HELP_URI, &handled);
}

static void
stead_application_quit_action (GSimpleAction *action,
                               GVariant      *param,
                               gpointer       user_data)
{
  GApplication *app = user_data;

  /* Close each window, so open workspaces are closed cleanly. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL;)
    {
      GtkWindow *window = l->data;
      l = l->next;
      gtk_window_close (window);
    }
  /* A window that asks about an unsaved change stays, and so does the app. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (STEAD_IS_WINDOW (l->data))
      return;
  g_application_quit (app);
}

static void
stead_application_startup (GApplication *app)
{
  SteadApplication *self = STEAD_APPLICATION (app);
  static const GActionEntry actions[] = {
    { "preferences", stead_application_preferences_action },
    { "about", stead_application_about_action },
    { "help", stead_application_help_action },
    { "quit", stead_application_quit_action },
  };
  static const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.preferences", { "<Control>comma", NULL } },
    { "app.quit", { "<Control>q", NULL } },
    { "app.help", { "F1", NULL } },
    /* GTK's own for its help overlay, which Stead builds when first asked for. */
    { "win.show-help-overlay", { "<Control>question", NULL } },
    { "win.new", { "<Control>n", NULL } },
    { "win.open", { "<Control>o", NULL } },
    { "win.import", { "<Control>i", NULL } },
    { "win.export", { "<Control>e", NULL } },
    { "win.close-workspace", { "<Control>w", NULL } },
    { "win.search", { "<Control>k", NULL } },
    { "win.undo", { "<Control>z", NULL } },
    { "win.redo", { "<Control><Shift>z", NULL } },
  };

  G_APPLICATION_CLASS (stead_application_parent_class)->startup (app);

  /* The display is open: GDK_DEBUG as the user had it. */
  stead_renderer_restore_environment ();
  /* Before any window exists: the renderer is chosen when one is realized. */
  stead_renderer_prefer_cairo_on_software_gl ();
  stead_renderer_reuse_frame_memory ();

  self->settings = g_settings_new (APP_ID);
  self->engine = stead_plugin_engine_new (self->settings);
  stead_plugin_engine_set_with_ui (self->engine, TRUE);
  stead_plugin_engine_load_enabled (self->engine);

  g_action_map_add_action_entries (G_ACTION_MAP (app), actions, G_N_ELEMENTS (actions), app);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), accels[i].action,
                                           accels[i].accels);
}

static void
stead_application_shutdown (GApplication *app)
{
  SteadApplication *self = STEAD_APPLICATION (app);

  G_APPLICATION_CLASS (stead_application_parent_class)->shutdown (app);

  g_clear_object (&self->engine);
  g_clear_object (&self->settings);
}

static void
stead_application_class_init (SteadApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->startup = stead_application_startup;
  app_class->shutdown = stead_application_shutdown;
  app_class->activate = stead_application_activate;
  app_class->open = stead_application_open;

  /**
   * SteadApplication::tile-key-changed:
   *
   * Emitted when the custom tile server's key was saved in the keyring,
   * so maps fetch tiles with it at once.
   */
  signals[TILE_KEY_CHANGED] = g_signal_new ("tile-key-changed", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * SteadApplication::show-help:
   * @uri: the page of the user guide to show ("help:io.github.steadapp.Stead")
   *
   * Emitted by the app.help action (F1, Help in the main menu); the
   * default handler opens @uri with the Help application.
   *
   * Returns: %TRUE if the guide was handed on
   */
  signals[SHOW_HELP] = g_signal_new_class_handler ("show-help", G_TYPE_FROM_CLASS (klass),
                                                   G_SIGNAL_RUN_LAST,
                                                   G_CALLBACK (stead_application_real_show_help),
                                                   g_signal_accumulator_true_handled, NULL, NULL,
                                                   G_TYPE_BOOLEAN, 1, G_TYPE_STRING);
}

static void
stead_application_init (SteadApplication *self)
{
  self->bench = g_getenv ("STEAD_BENCH_STARTUP") != NULL;
}
