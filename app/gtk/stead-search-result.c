/* stead-search-result.c: one hit of the workspace search, as a list item
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the search popover's rows show (title; what kind of record it is
 * and the words that matched) and what activating one needs (owner,
 * kind, ref for <owner>.show), as properties a row template binds.
 */

#define G_LOG_DOMAIN "stead-search-result"

#include "config.h"

#include <glib/gi18n.h>

#include "stead-search-result-private.h"

struct _SteadSearchResult
{
  GObject  parent_instance;

  char    *owner;
  char    *kind;
  gint64   ref;
  char    *title;
  char    *subtitle;
};

enum {
  PROP_0,
  PROP_OWNER,
  PROP_KIND,
  PROP_REF,
  PROP_TITLE,
  PROP_SUBTITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (SteadSearchResult, stead_search_result, G_TYPE_OBJECT)

/* "Partner · Faith group, church hall…": the kind's label starts the
 * line, so it takes a capital. */
static char *
stead_search_result_describe (const char *kind_label,
                              const char *snippet)
{
  g_autofree char *label = NULL;
  gunichar first = g_utf8_get_char (kind_label);
  char head[8] = { 0 };

  g_unichar_to_utf8 (g_unichar_totitle (first), head);
  label = g_strconcat (head, g_utf8_next_char (kind_label), NULL);
  if (snippet == NULL || *snippet == '\0')
    return g_steal_pointer (&label);
  /* TRANSLATORS: a search result's second line: the kind of record
   * ("Partner"), then the words of it that matched */
  return g_strdup_printf (_("%s · %s"), label, snippet);
}

/**
 * stead_search_result_new:
 * @hit: what the search found
 * @kind_label: what a user calls its kind (stead_workspace_get_kind_label())
 *
 * Returns: (transfer full): a new result
 */
SteadSearchResult *
stead_search_result_new (const SteadSearchHit *hit,
                         const char           *kind_label)
{
  SteadSearchResult *self;

  g_return_val_if_fail (hit != NULL, NULL);
  g_return_val_if_fail (kind_label != NULL, NULL);

  self = g_object_new (STEAD_TYPE_SEARCH_RESULT, NULL);
  self->owner = g_strdup (hit->owner);
  self->kind = g_strdup (hit->kind);
  self->ref = hit->ref;
  self->title = g_strdup (hit->title);
  self->subtitle = stead_search_result_describe (kind_label, hit->snippet);
  return self;
}

const char *
stead_search_result_get_owner (SteadSearchResult *self)
{
  g_return_val_if_fail (STEAD_IS_SEARCH_RESULT (self), NULL);

  return self->owner;
}

const char *
stead_search_result_get_kind (SteadSearchResult *self)
{
  g_return_val_if_fail (STEAD_IS_SEARCH_RESULT (self), NULL);

  return self->kind;
}

gint64
stead_search_result_get_ref (SteadSearchResult *self)
{
  g_return_val_if_fail (STEAD_IS_SEARCH_RESULT (self), 0);

  return self->ref;
}

const char *
stead_search_result_get_title (SteadSearchResult *self)
{
  g_return_val_if_fail (STEAD_IS_SEARCH_RESULT (self), NULL);

  return self->title;
}

const char *
stead_search_result_get_subtitle (SteadSearchResult *self)
{
  g_return_val_if_fail (STEAD_IS_SEARCH_RESULT (self), NULL);

  return self->subtitle;
}

static void
stead_search_result_finalize (GObject *object)
{
  SteadSearchResult *self = STEAD_SEARCH_RESULT (object);

  g_free (self->owner);
  g_free (self->kind);
  g_free (self->title);
  g_free (self->subtitle);
  G_OBJECT_CLASS (stead_search_result_parent_class)->finalize (object);
}

static void
stead_search_result_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  SteadSearchResult *self = STEAD_SEARCH_RESULT (object);

  switch (prop_id)
    {
    case PROP_OWNER:
      g_value_set_string (value, self->owner);
      break;
    case PROP_KIND:
      g_value_set_string (value, self->kind);
      break;
    case PROP_REF:
      g_value_set_int64 (value, self->ref);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_SUBTITLE:
      g_value_set_string (value, self->subtitle);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stead_search_result_class_init (SteadSearchResultClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = stead_search_result_finalize;
  object_class->get_property = stead_search_result_get_property;

  properties[PROP_OWNER] = g_param_spec_string ("owner", NULL, NULL, NULL,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] = g_param_spec_string ("kind", NULL, NULL, NULL,
                                               G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_REF] = g_param_spec_int64 ("ref", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                                             G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUBTITLE] = g_param_spec_string ("subtitle", NULL, NULL, NULL,
                                                   G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
stead_search_result_init (SteadSearchResult *self)
{
}
