/* stead-tile-downloader.c: online XYZ tiles, fetched as the tile policies ask
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The OpenStreetMap tile usage policy asks for a User-Agent that names the
 * application, tiles cached locally and HTTP caching honoured, and no bulk
 * download. libshumate 1.0's own downloader sends "libshumate/1.0.x"
 * whatever the application, so Stead fetches its tiles itself: a cached
 * tile younger than a week is used as it is, an older one is revalidated
 * with If-None-Match / If-Modified-Since, and a cached tile is used when
 * the network is down. Only the tiles the map asks for are fetched.
 *
 * A fetch that fails for want of a network (no route, no name lookup,
 * refused, timed out) with no cached tile to fall back on makes the
 * server :reachable no more, so the map can say it is offline; a tile
 * that arrives makes it reachable again.
 */

#define G_LOG_DOMAIN "stead-tile-downloader"

#include "config.h"

#include <libsoup/soup.h>

#include "stead-tile-downloader.h"

/* Names the application, as the OSM tile usage policy requires. */
#define STEAD_USER_AGENT "Stead/" PACKAGE_VERSION " (+https://github.com/steadapp/stead)"
#define FRESH_FOR (7 * G_TIME_SPAN_DAY)
#define CACHE_LIMIT (200 * 1024 * 1024)

struct _SteadTileDownloader
{
  ShumateDataSource  parent_instance;

  char              *url_template;
  SoupSession       *session;
  ShumateFileCache  *cache;
  gboolean           unreachable;
};

enum {
  PROP_0,
  PROP_REACHABLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (SteadTileDownloader, stead_tile_downloader, SHUMATE_TYPE_DATA_SOURCE)

typedef struct
{
  int          x;
  int          y;
  int          zoom;
  GBytes      *cached;
  char        *etag;
  GDateTime   *modtime;
} Request;

static void
stead_tile_downloader_request_free (Request *request)
{
  g_clear_pointer (&request->cached, g_bytes_unref);
  g_clear_pointer (&request->modtime, g_date_time_unref);
  g_free (request->etag);
  g_free (request);
}

static char *
stead_tile_downloader_tile_url (const char *url_template,
                                int         x,
                                int         y,
                                int         zoom)
{
  g_autoptr(GString) url = g_string_new (url_template);
  char number[16];

  g_snprintf (number, sizeof number, "%d", x);
  g_string_replace (url, "{x}", number, 0);
  g_snprintf (number, sizeof number, "%d", y);
  g_string_replace (url, "{y}", number, 0);
  g_snprintf (number, sizeof number, "%d", zoom);
  g_string_replace (url, "{z}", number, 0);
  return g_string_free (g_steal_pointer (&url), FALSE);
}

/* Errors that mean the network, not the server or the tile, failed. */
static gboolean
stead_tile_downloader_is_network_error (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_NOT_FOUND) ||
         g_error_matches (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND) ||
         g_error_matches (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_TEMPORARY_FAILURE);
}

static void
stead_tile_downloader_deliver (GTask   *task,
                               GBytes  *bytes)
{
  SteadTileDownloader *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);

  /* libshumate 1.0's raster renderer takes the image from this signal. */
  g_signal_emit_by_name (self, "received-data", request->x, request->y, request->zoom, bytes);
  g_task_return_pointer (task, g_bytes_ref (bytes), (GDestroyNotify) g_bytes_unref);
}

static void
stead_tile_downloader_on_stored (GObject      *object,
                                 GAsyncResult *result,
                                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!shumate_file_cache_store_tile_finish (SHUMATE_FILE_CACHE (object), result, &error))
    g_debug ("Tile not cached: %s", error->message);
}

static void
stead_tile_downloader_on_fetched (GObject      *object,
                                  GAsyncResult *result,
                                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SteadTileDownloader *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  SoupMessage *message = soup_session_get_async_result_message (SOUP_SESSION (object), result);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body =
    soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  guint status = message != NULL ? soup_message_get_status (message) : 0;

  if (body != NULL && status == SOUP_STATUS_NOT_MODIFIED && request->cached != NULL)
    {
      shumate_file_cache_mark_up_to_date (self->cache, request->x, request->y, request->zoom);
      stead_tile_downloader_deliver (task, request->cached);
      return;
    }

  if (body != NULL && SOUP_STATUS_IS_SUCCESSFUL (status) && g_bytes_get_size (body) > 0)
    {
      const char *etag =
        soup_message_headers_get_one (soup_message_get_response_headers (message), "ETag");

      shumate_file_cache_store_tile_async (self->cache, request->x, request->y, request->zoom, body,
                                           etag, NULL, stead_tile_downloader_on_stored, NULL);
      stead_tile_downloader_deliver (task, body);
      stead_tile_downloader_set_reachable (self, TRUE);
      return;
    }

  if (error != NULL && stead_tile_downloader_is_network_error (error))
    stead_tile_downloader_set_reachable (self, FALSE);

  /* Offline or refused: an old tile is better than none. */
  if (request->cached != NULL)
    {
      stead_tile_downloader_deliver (task, request->cached);
      return;
    }

  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED, "Tile server answered %u",
                             status);
}

static void
stead_tile_downloader_fetch (GTask *task)
{
  SteadTileDownloader *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  g_autofree char *url =
    stead_tile_downloader_tile_url (self->url_template, request->x, request->y, request->zoom);
  g_autoptr(SoupMessage) message = soup_message_new (SOUP_METHOD_GET, url);
  SoupMessageHeaders *headers;

  if (message == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "Bad tile address %s",
                               url);
      g_object_unref (task);
      return;
    }

  headers = soup_message_get_request_headers (message);
  if (request->etag != NULL)
    soup_message_headers_append (headers, "If-None-Match", request->etag);
  else if (request->modtime != NULL)
    {
      g_autofree char *since = g_date_time_format (request->modtime, "%a, %d %b %Y %H:%M:%S GMT");
      soup_message_headers_append (headers, "If-Modified-Since", since);
    }

  soup_session_send_and_read_async (self->session, message, G_PRIORITY_DEFAULT,
                                    g_task_get_cancellable (task), stead_tile_downloader_on_fetched,
                                    task);
}

static void
stead_tile_downloader_on_cache_read (GObject      *object,
                                     GAsyncResult *result,
                                     gpointer      user_data)
{
  GTask *task = user_data;
  Request *request = g_task_get_task_data (task);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  request->cached = shumate_file_cache_get_tile_finish (SHUMATE_FILE_CACHE (object), &request->etag,
                                                        &request->modtime, result, NULL);

  if (request->cached != NULL && request->modtime != NULL &&
      g_date_time_difference (now, request->modtime) < FRESH_FOR)
    {
      stead_tile_downloader_deliver (task, request->cached);
      g_object_unref (task);
      return;
    }

  stead_tile_downloader_fetch (task);
}

static void
stead_tile_downloader_get_tile_data_async (ShumateDataSource   *source,
                                           int                  x,
                                           int                  y,
                                           int                  zoom_level,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  SteadTileDownloader *self = STEAD_TILE_DOWNLOADER (source);
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Request *request = g_new0 (Request, 1);

  g_task_set_source_tag (task, stead_tile_downloader_get_tile_data_async);
  request->x = x;
  request->y = y;
  request->zoom = zoom_level;
  g_task_set_task_data (task, request, (GDestroyNotify) stead_tile_downloader_request_free);

  shumate_file_cache_get_tile_async (self->cache, x, y, zoom_level, cancellable,
                                     stead_tile_downloader_on_cache_read, task);
}

static GBytes *
stead_tile_downloader_get_tile_data_finish (ShumateDataSource  *source,
                                            GAsyncResult       *result,
                                            GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, source), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
stead_tile_downloader_finalize (GObject *object)
{
  SteadTileDownloader *self = STEAD_TILE_DOWNLOADER (object);

  g_clear_object (&self->session);
  g_clear_object (&self->cache);
  g_free (self->url_template);

  G_OBJECT_CLASS (stead_tile_downloader_parent_class)->finalize (object);
}

static void
stead_tile_downloader_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  SteadTileDownloader *self = STEAD_TILE_DOWNLOADER (object);

  switch (prop_id)
    {
    case PROP_REACHABLE:
      g_value_set_boolean (value, !self->unreachable);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stead_tile_downloader_class_init (SteadTileDownloaderClass *klass)
{
  ShumateDataSourceClass *source_class = SHUMATE_DATA_SOURCE_CLASS (klass);
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = stead_tile_downloader_finalize;
  object_class->get_property = stead_tile_downloader_get_property;

  /**
   * SteadTileDownloader:reachable:
   *
   * %FALSE once a tile could not be fetched for want of a network (and
   * none was cached), until one is fetched again.
   */
  properties[PROP_REACHABLE] =
    g_param_spec_boolean ("reachable", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  source_class->get_tile_data_async = stead_tile_downloader_get_tile_data_async;
  source_class->get_tile_data_finish = stead_tile_downloader_get_tile_data_finish;
}

static void
stead_tile_downloader_init (SteadTileDownloader *self)
{
  /* Two connections per host, as the OSM policy's "no heavy use" asks. */
  self->session = soup_session_new_with_options ("user-agent", STEAD_USER_AGENT,
                                                 "max-conns-per-host", 2,
                                                 NULL);
}

/**
 * stead_tile_downloader_new:
 * @url_template: an http(s) template with {x}, {y} and {z}
 * @cache_key: names the tile cache (one per server)
 *
 * Returns: (transfer full): the data source
 */
SteadTileDownloader *
stead_tile_downloader_new (const char *url_template,
                           const char *cache_key)
{
  SteadTileDownloader *self;
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "stead", "tiles", NULL);

  g_return_val_if_fail (url_template != NULL, NULL);
  g_return_val_if_fail (cache_key != NULL, NULL);

  self = g_object_new (STEAD_TYPE_TILE_DOWNLOADER, NULL);
  self->url_template = g_strdup (url_template);
  self->cache = shumate_file_cache_new_full (CACHE_LIMIT, cache_key, dir);
  return self;
}

gboolean
stead_tile_downloader_get_reachable (SteadTileDownloader *self)
{
  g_return_val_if_fail (STEAD_IS_TILE_DOWNLOADER (self), FALSE);

  return !self->unreachable;
}

/**
 * stead_tile_downloader_set_reachable:
 * @self: a #SteadTileDownloader
 * @reachable: whether to try the server again
 *
 * What the network monitor says when the network comes back.
 */
void
stead_tile_downloader_set_reachable (SteadTileDownloader *self,
                                     gboolean             reachable)
{
  g_return_if_fail (STEAD_IS_TILE_DOWNLOADER (self));

  if (self->unreachable == !reachable)
    return;
  self->unreachable = !reachable;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REACHABLE]);
}
