/* stead-tile-key.c: a tile server's API key in the keyring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The key is stored with libsecret, by the URL template it belongs to,
 * never in GSettings. Without a keyring (or libsecret), storing fails
 * with a clear message and the key is used for this session only.
 */

#define G_LOG_DOMAIN "stead-tile-key"

#include "config.h"

#include <glib/gi18n.h>

#if HAVE_LIBSECRET
# include <libsecret/secret.h>
#endif

#include "stead-tile-key-private.h"

#if HAVE_LIBSECRET
static const SecretSchema *
stead_tile_key_schema (void)
{
  static const SecretSchema schema = {
    "io.github.steadapp.Stead.TileServerKey", SECRET_SCHEMA_NONE,
    {
      { "url", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };
  return &schema;
}

static void
stead_tile_key_on_lookup (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *key = secret_password_lookup_finish (result, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, key, (GDestroyNotify) secret_password_free);
}

static void
stead_tile_key_on_store (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!secret_password_store_finish (result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}
#endif

void
stead_tile_key_lookup_async (const char          *url_template,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

#if HAVE_LIBSECRET
  secret_password_lookup (stead_tile_key_schema (), cancellable, stead_tile_key_on_lookup, task,
                          "url", url_template, NULL);
#else
  g_task_return_pointer (task, NULL, NULL);
  g_object_unref (task);
#endif
}

/**
 * stead_tile_key_lookup_finish:
 *
 * Returns: (transfer full) (nullable): the key, or %NULL if none is stored
 */
char *
stead_tile_key_lookup_finish (GAsyncResult  *result,
                              GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
stead_tile_key_store_async (const char          *url_template,
                            const char          *key,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

#if HAVE_LIBSECRET
  secret_password_store (stead_tile_key_schema (), SECRET_COLLECTION_DEFAULT,
                         _("Stead: tile server key"), key, cancellable, stead_tile_key_on_store,
                         task, "url", url_template, NULL);
#else
  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("This build of Stead cannot use the keyring; the key is kept for "
                              "this session only"));
  g_object_unref (task);
#endif
}

gboolean
stead_tile_key_store_finish (GAsyncResult  *result,
                             GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * stead_tile_key_fill:
 * @url_template: a template, perhaps with {key}
 * @key: (nullable): the API key
 *
 * Returns: (transfer full): the template with {key} replaced, URI-escaped
 */
char *
stead_tile_key_fill (const char *url_template,
                     const char *key)
{
  g_autofree char *escaped = g_uri_escape_string (key != NULL ? key : "", NULL, FALSE);
  g_auto(GStrv) parts = g_strsplit (url_template, "{key}", -1);

  return g_strjoinv (escaped, parts);
}
