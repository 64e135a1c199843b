/* stead-page.c: a plugin's page in the window, showing one workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stead-page"

#include "config.h"

#include "stead-page.h"

typedef struct
{
  SteadWorkspace *workspace;
} SteadPagePrivate;

enum
{
  PROP_0,
  PROP_WORKSPACE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_TYPE_WITH_PRIVATE (SteadPage, stead_page, GTK_TYPE_WIDGET)

static void
stead_page_constructed (GObject *object)
{
  SteadPage *self = STEAD_PAGE (object);
  SteadPagePrivate *priv = stead_page_get_instance_private (self);

  G_OBJECT_CLASS (stead_page_parent_class)->constructed (object);
  if (priv->workspace != NULL && STEAD_PAGE_GET_CLASS (self)->load != NULL)
    STEAD_PAGE_GET_CLASS (self)->load (self, priv->workspace);
}

static void
stead_page_dispose (GObject *object)
{
  SteadPage *self = STEAD_PAGE (object);
  SteadPagePrivate *priv = stead_page_get_instance_private (self);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&priv->workspace);
  G_OBJECT_CLASS (stead_page_parent_class)->dispose (object);
}

static void
stead_page_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_WORKSPACE:
      g_value_set_object (value, stead_page_get_workspace (STEAD_PAGE (object)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stead_page_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  SteadPagePrivate *priv = stead_page_get_instance_private (STEAD_PAGE (object));

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      priv->workspace = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stead_page_class_init (SteadPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = stead_page_constructed;
  object_class->dispose = stead_page_dispose;
  object_class->get_property = stead_page_get_property;
  object_class->set_property = stead_page_set_property;

  properties[PROP_WORKSPACE] =
    g_param_spec_object ("workspace", NULL, NULL, STEAD_TYPE_WORKSPACE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
stead_page_init (SteadPage *self)
{
}

/**
 * stead_page_get_workspace:
 * @self: a #SteadPage
 *
 * Returns: (transfer none) (nullable): the workspace it shows
 */
SteadWorkspace *
stead_page_get_workspace (SteadPage *self)
{
  SteadPagePrivate *priv;

  g_return_val_if_fail (STEAD_IS_PAGE (self), NULL);

  priv = stead_page_get_instance_private (self);
  return priv->workspace;
}

/**
 * stead_page_show:
 * @self: a #SteadPage
 * @kind: a kind of record
 * @id: its id
 *
 * Returns: %TRUE if the page shows records of @kind (and now shows @id)
 */
gboolean
stead_page_show (SteadPage  *self,
                 const char *kind,
                 gint64      id)
{
  g_return_val_if_fail (STEAD_IS_PAGE (self), FALSE);
  g_return_val_if_fail (kind != NULL, FALSE);

  return STEAD_PAGE_GET_CLASS (self)->show != NULL &&
         STEAD_PAGE_GET_CLASS (self)->show (self, kind, id);
}
