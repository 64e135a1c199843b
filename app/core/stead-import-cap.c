/* stead-import-cap.c: warnings as CAP 1.2 alerts (Environment Agency,
 * Met Office), each area a hazard area with an `alert` row
 *
 * Every <info> is kept (a bilingual alert has one per language), each of
 * its <area>s as an `alert` row; what has no column is kept as JSON in
 * `extra`. Languages that describe the same polygon share one hazard
 * area, so a bilingual warning is not counted twice on the map.
 *
 * An alert is untrusted input: no DTD (so no entity, internal or
 * external, is ever expanded), no network, at most STEAD_CAP_MAX_BYTES.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stead-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <math.h>
#include <string.h>

#include "stead-import-formats-private.h"
#include "stead-import-geo-private.h"
#include "stead-json-private.h"
#include "stead-workspace.h"
#include "stead-workspace-private.h"

#define CAP_NS "urn:oasis:names:tc:emergency:cap:1.2"

static gboolean
stead_import_cap_is (xmlNode    *node,
                     const char *name)
{
  return node->type == XML_ELEMENT_NODE && node->ns != NULL &&
         xmlStrcmp (node->ns->href, (const xmlChar *) CAP_NS) == 0 &&
         (name == NULL || xmlStrcmp (node->name, (const xmlChar *) name) == 0);
}

static xmlNode *
stead_import_cap_child (xmlNode    *parent,
                        const char *name)
{
  for (xmlNode *n = parent->children; n != NULL; n = n->next)
    if (stead_import_cap_is (n, name))
      return n;
  return NULL;
}

/* The element's own text and CDATA, stripped; never the expansion of an
 * entity reference (xmlNodeGetContent would expand them). NULL if empty
 * or not UTF-8. */
static char *
stead_import_cap_node_text (xmlNode *node)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (xmlNode *n = node->children; n != NULL; n = n->next)
    if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->content != NULL)
      g_string_append (text, (const char *) n->content);
  g_strstrip (text->str);
  if (text->str[0] == '\0' || !g_utf8_validate (text->str, -1, NULL))
    return NULL;
  return g_strdup (text->str);
}

static char *
stead_import_cap_text (xmlNode    *parent,
                       const char *name)
{
  xmlNode *node = stead_import_cap_child (parent, name);

  return node != NULL ? stead_import_cap_node_text (node) : NULL;
}

/* ------------------------------------------------------------------------ */
/* What has no column, as JSON                                               */

static gboolean
stead_import_cap_has_elements (xmlNode *element)
{
  for (xmlNode *n = element->children; n != NULL; n = n->next)
    if (stead_import_cap_is (n, NULL))
      return TRUE;
  return FALSE;
}

static JsonNode *stead_import_cap_extra (xmlNode            *parent,
                                         const char * const *columns);

/* A leaf element as its text; one with children (parameter, resource…)
 * as an object of them. */
static JsonNode *
stead_import_cap_element_json (xmlNode *element)
{
  static const char * const none[] = { NULL };
  g_autofree char *text = NULL;
  JsonNode *node;

  if (stead_import_cap_has_elements (element))
    return stead_import_cap_extra (element, none);
  text = stead_import_cap_node_text (element);
  node = json_node_new (JSON_NODE_VALUE);
  json_node_set_string (node, text != NULL ? text : "");
  return node;
}

/* The children of @parent not named in @columns, as one JSON object. */
static JsonNode *
stead_import_cap_extra (xmlNode            *parent,
                        const char * const *columns)
{
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  for (xmlNode *n = parent->children; n != NULL; n = n->next)
    if (stead_import_cap_is (n, NULL) && !g_strv_contains (columns, (const char *) n->name))
      {
        g_autoptr(JsonNode) value = stead_import_cap_element_json (n);
        JsonNode *had = json_object_get_member (object, (const char *) n->name);

        if (had == NULL)
          json_object_set_member (object, (const char *) n->name, g_steal_pointer (&value));
        else if (JSON_NODE_HOLDS_ARRAY (had))
          json_array_add_element (json_node_get_array (had), g_steal_pointer (&value));
        else
          {
            JsonArray *array = json_array_new ();

            json_array_add_element (array, json_node_copy (had));
            json_array_add_element (array, g_steal_pointer (&value));
            json_object_set_array_member (object, (const char *) n->name, array);
          }
      }
  json_node_take_object (node, object);
  return node;
}

/* Elements with a column of their own (polygons are the geometry; circles
 * are kept in extra, as their 36-gon is not the circle). */
static const char * const stead_import_cap_alert_columns[] = {
  "identifier", "sender", "sent", "status", "msgType", "info", NULL
};
static const char * const stead_import_cap_info_columns[] = {
  "language", "category", "event",       "urgency",     "severity", "certainty", "onset",
  "expires",  "headline", "description", "instruction", "senderName", "area",    NULL
};
static const char * const stead_import_cap_area_columns[] = { "areaDesc", "polygon", "geocode",
                                                             NULL };

static char *
stead_import_cap_geocodes (xmlNode *area)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  guint n = 0;

  json_builder_begin_array (b);
  for (xmlNode *g = area->children; g != NULL; g = g->next)
    if (stead_import_cap_is (g, "geocode"))
      {
        g_autofree char *name = stead_import_cap_text (g, "valueName");
        g_autofree char *value = stead_import_cap_text (g, "value");

        json_builder_begin_object (b);
        json_builder_set_member_name (b, "valueName");
        json_builder_add_string_value (b, name ? name : "");
        json_builder_set_member_name (b, "value");
        json_builder_add_string_value (b, value ? value : "");
        json_builder_end_object (b);
        n++;
      }
  json_builder_end_array (b);
  root = json_builder_get_root (b);
  return n > 0 ? json_to_string (root, FALSE) : NULL;
}

/* ------------------------------------------------------------------------ */
/* Shapes                                                                    */

/* "lat,lon lat,lon …", closed, at least four pairs. */
static SteadGeometry *
stead_import_cap_polygon (const char  *text,
                          char       **reason)
{
  g_auto(GStrv) pairs = g_strsplit_set (text, " \t\r\n", -1);
  g_autoptr(GArray) ring = g_array_new (FALSE, FALSE, sizeof (SteadCoord));

  for (guint i = 0; pairs[i] != NULL; i++)
    {
      g_auto(GStrv) ll = NULL;
      SteadCoord c;

      if (pairs[i][0] == '\0')
        continue;
      ll = g_strsplit (pairs[i], ",", -1);
      if (g_strv_length (ll) != 2 || !stead_parse_double (ll[0], &c.y) ||
          !stead_parse_double (ll[1], &c.x))
        {
          *reason = g_strdup_printf (_("“%s” in a polygon is not “latitude,longitude”"), pairs[i]);
          return NULL;
        }
      g_array_append_val (ring, c);
    }
  if (!stead_geo_check_ring (ring, NULL, reason))
    return NULL;
  return stead_geometry_new_polygon ((SteadCoord *) (gpointer) ring->data, ring->len);
}

/* "lat,lon radius-km": a 36-sided polygon; radius 0 is a point (CAP's own
 * earthquake example, USGS and tsunami alerts), drawn with a small radius. */
static SteadGeometry *
stead_import_cap_circle (const char  *text,
                         gboolean    *is_point,
                         char       **reason)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  g_auto(GStrv) split = g_strsplit_set (copy, " \t\r\n", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) parts = NULL;
  g_auto(GStrv) ll = NULL;
  SteadCoord ring[37];
  double lat, lon, radius;

  for (guint i = 0; split[i] != NULL; i++)
    if (split[i][0] != '\0')
      g_strv_builder_add (builder, split[i]);
  parts = g_strv_builder_end (builder);
  if (g_strv_length (parts) != 2 || (ll = g_strsplit (parts[0], ",", -1)) == NULL ||
      g_strv_length (ll) != 2 || !stead_parse_double (ll[0], &lat) ||
      !stead_parse_double (ll[1], &lon) || !stead_parse_double (parts[1], &radius))
    {
      *reason = g_strdup_printf (_("circle “%s” is not “latitude,longitude radius-in-km”"), copy);
      return NULL;
    }
  if (!stead_geo_position_ok (lon, lat))
    {
      *reason = g_strdup_printf (_("circle “%s”: %g,%g is not a latitude and longitude"), copy,
                                 lat, lon);
      return NULL;
    }
  if (!isfinite (radius) || radius < 0 || radius > 2000)
    {
      *reason = g_strdup_printf (_("circle “%s”: the radius must be from 0 to 2000 km"), copy);
      return NULL;
    }
  *is_point = radius == 0;
  if (radius == 0)
    radius = STEAD_CAP_POINT_RADIUS_KM;
  for (guint i = 0; i < 36; i++)
    {
      double a = 2 * G_PI * i / 36;
      double dlat = radius / 111.32 * sin (a);
      double dlon = radius / (111.32 * cos (lat * G_PI / 180)) * cos (a);

      ring[i].x = CLAMP (lon + dlon, -180, 180);
      ring[i].y = CLAMP (lat + dlat, -90, 90);
    }
  ring[36] = ring[0];
  return stead_geometry_new_polygon (ring, 37);
}

static gboolean
stead_import_cap_enum (const char         *value,
                       const char * const *allowed)
{
  return value != NULL && g_strv_contains (allowed, value);
}

static const char * const stead_cap_severitys[] = { "Extreme", "Severe",  "Moderate",
                                                   "Minor",   "Unknown", NULL };
static const char * const stead_cap_urgencys[] = { "Immediate", "Expected", "Future",
                                                  "Past",      "Unknown",  NULL };
static const char * const stead_cap_certaintys[] = { "Observed", "Likely",  "Possible",
                                                    "Unlikely", "Unknown", NULL };
static const char * const stead_cap_statuss[] = { "Actual", "Exercise", "System",
                                                 "Test",   "Draft",    NULL };
static const char * const stead_cap_msg_types[] = {
  "Alert", "Update", "Cancel", "Ack", "Error", NULL
};

static char *
stead_import_cap_datetime (const char *text)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autoptr(GDateTime) utc = NULL;

  if (text == NULL)
    return NULL;
  dt = g_date_time_new_from_iso8601 (text, NULL);
  if (dt == NULL)
    return NULL;
  utc = g_date_time_to_utc (dt);
  return stead_datetime_format (utc);
}

/* The shapes of one <area>: its polygons and circles, or why not. */
static void
stead_import_cap_read_shapes (SteadCapArea *a,
                              xmlNode      *area,
                              guint         n_area)
{
  for (xmlNode *shape = area->children; shape != NULL && a->reason == NULL; shape = shape->next)
    {
      g_autoptr(SteadGeometry) polygon = NULL;
      g_autofree char *reason = NULL;
      g_autofree char *content = NULL;
      gboolean is_polygon, is_point = FALSE;

      if (!stead_import_cap_is (shape, NULL))
        continue;
      is_polygon = xmlStrcmp (shape->name, (const xmlChar *) "polygon") == 0;
      if (!is_polygon && xmlStrcmp (shape->name, (const xmlChar *) "circle") != 0)
        continue;
      content = stead_import_cap_node_text (shape);
      if (content == NULL)
        reason = g_strdup_printf (_("its <%s> is empty"), (const char *) shape->name);
      else if (is_polygon)
        polygon = stead_import_cap_polygon (content, &reason);
      else
        polygon = stead_import_cap_circle (content, &is_point, &reason);
      if (polygon == NULL)
        a->reason = g_strdup_printf (_("area %u (“%s”): %s"), n_area, a->area_desc, reason);
      else
        stead_geometry_add_polygon (a->geometry, polygon);
      a->is_point |= is_point;
    }
  if (a->reason == NULL && stead_geometry_get_n_polygons (a->geometry) == 0)
    a->reason =
      g_strdup_printf (_("area %u (“%s”) has no <polygon> or <circle> (geocodes alone cannot be "
                         "mapped)"),
                       n_area, a->area_desc);
}

/* The alert's own elements: identifier, sender, sent, status, msgType. */
static gboolean
stead_import_cap_read_alert (SteadCapAlert  *alert,
                             xmlNode        *root,
                             GError        **error)
{
  g_autofree char *sent = stead_import_cap_text (root, "sent");
  g_autofree char *status = stead_import_cap_text (root, "status");
  g_autofree char *msg_type = stead_import_cap_text (root, "msgType");

  alert->identifier = stead_import_cap_text (root, "identifier");
  alert->sender = stead_import_cap_text (root, "sender");
  alert->sent = stead_import_cap_datetime (sent);
  if (alert->identifier == NULL || alert->sender == NULL || alert->sent == NULL)
    {
      g_set_error (error, STEAD_GEO_FORMAT_ERROR, 0,
                   _("The alert lacks %s, which CAP 1.2 requires"),
                   alert->identifier == NULL ? "<identifier>"
                   : alert->sender == NULL   ? "<sender>"
                                             : "<sent> (a date and time)");
      return FALSE;
    }
  if (!stead_import_cap_enum (status, stead_cap_statuss) ||
      !stead_import_cap_enum (msg_type, stead_cap_msg_types))
    {
      g_set_error (error, STEAD_GEO_FORMAT_ERROR, 0,
                   _("The alert’s %s is missing or not a CAP 1.2 value"),
                   !stead_import_cap_enum (status, stead_cap_statuss) ? "<status>" : "<msgType>");
      return FALSE;
    }
  alert->status = g_steal_pointer (&status);
  alert->msg_type = g_steal_pointer (&msg_type);
  alert->references = stead_import_cap_text (root, "references");
  return TRUE;
}

static char *
stead_import_cap_categories (xmlNode *info)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;

  for (xmlNode *n = info->children; n != NULL; n = n->next)
    if (stead_import_cap_is (n, "category"))
      {
        g_autofree char *text = stead_import_cap_node_text (n);

        if (text != NULL)
          g_strv_builder_add (builder, text);
      }
  strv = g_strv_builder_end (builder);
  return strv[0] != NULL ? g_strjoinv (" ", strv) : NULL;
}

/* {"alert": …, "info": …, "area": …}: what the columns do not hold. */
static char *
stead_import_cap_extra_json (JsonNode *alert_extra,
                             JsonNode *info_extra,
                             xmlNode  *area)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();

  json_object_set_member (object, "alert", json_node_copy (alert_extra));
  json_object_set_member (object, "info", json_node_copy (info_extra));
  json_object_set_member (object, "area", stead_import_cap_extra (area,
                                                                  stead_import_cap_area_columns));
  json_node_take_object (root, object);
  return json_to_string (root, FALSE);
}

/* One <info>: its event and times, then an area for each <area>. */
static gboolean
stead_import_cap_read_info (SteadCapAlert  *alert,
                            xmlNode        *root,
                            xmlNode        *info,
                            guint           n_info,
                            GError        **error)
{
  g_autofree char *event = stead_import_cap_text (info, "event");
  g_autofree char *severity = stead_import_cap_text (info, "severity");
  g_autofree char *urgency = stead_import_cap_text (info, "urgency");
  g_autofree char *certainty = stead_import_cap_text (info, "certainty");
  g_autofree char *onset_text = stead_import_cap_text (info, "onset");
  g_autofree char *expires_text = stead_import_cap_text (info, "expires");
  g_autofree char *onset = stead_import_cap_datetime (onset_text);
  g_autofree char *expires = stead_import_cap_datetime (expires_text);
  g_autoptr(JsonNode) alert_extra = NULL;
  g_autoptr(JsonNode) info_extra = NULL;
  guint n_area = 0;

  if (event == NULL || !stead_import_cap_enum (severity, stead_cap_severitys) ||
      !stead_import_cap_enum (urgency, stead_cap_urgencys) ||
      !stead_import_cap_enum (certainty, stead_cap_certaintys))
    {
      g_set_error (error, STEAD_GEO_FORMAT_ERROR, 0,
                   _("<info> %u: %s is missing or not a CAP 1.2 value"), n_info,
                   event == NULL                                            ? "<event>"
                   : !stead_import_cap_enum (severity, stead_cap_severitys) ? "<severity>"
                   : !stead_import_cap_enum (urgency, stead_cap_urgencys)   ? "<urgency>"
                                                                            : "<certainty>");
      return FALSE;
    }
  if ((onset_text != NULL && onset == NULL) || (expires_text != NULL && expires == NULL))
    {
      g_set_error (error, STEAD_GEO_FORMAT_ERROR, 0, _("<info> %u: %s is not a date and time"),
                   n_info, onset == NULL && onset_text != NULL ? "<onset>" : "<expires>");
      return FALSE;
    }

  alert_extra = stead_import_cap_extra (root, stead_import_cap_alert_columns);
  info_extra = stead_import_cap_extra (info, stead_import_cap_info_columns);
  for (xmlNode *area = info->children; area != NULL; area = area->next)
    {
      SteadCapArea *a;

      if (!stead_import_cap_is (area, "area"))
        continue;
      n_area++;
      a = g_new0 (SteadCapArea, 1);
      a->info_index = n_info;
      a->area_index = n_area;
      a->event = g_strdup (event);
      a->severity = g_strdup (severity);
      a->urgency = g_strdup (urgency);
      a->certainty = g_strdup (certainty);
      a->onset = g_strdup (onset);
      a->expires = g_strdup (expires);
      a->headline = stead_import_cap_text (info, "headline");
      a->description = stead_import_cap_text (info, "description");
      a->instruction = stead_import_cap_text (info, "instruction");
      a->language = stead_import_cap_text (info, "language");
      a->sender_name = stead_import_cap_text (info, "senderName");
      a->category = stead_import_cap_categories (info);
      a->area_desc = stead_import_cap_text (area, "areaDesc");
      a->geocodes = stead_import_cap_geocodes (area);
      a->extra = stead_import_cap_extra_json (alert_extra, info_extra, area);
      a->geometry = stead_geometry_new_multipolygon ();
      g_ptr_array_add (alert->areas, a);
      if (a->area_desc == NULL)
        a->reason = g_strdup_printf (_("<info> %u, <area> %u has no <areaDesc>"), n_info, n_area);
      else
        stead_import_cap_read_shapes (a, area, alert->areas->len);
    }
  return TRUE;
}

/* A CAP alert never has a DTD; one that declares entities (a "billion
 * laughs") is refused before any declaration is read. */
static void
stead_import_cap_refuse_doctype (void          *user_data,
                                 const xmlChar *name,
                                 const xmlChar *external_id,
                                 const xmlChar *system_id)
{
  xmlParserCtxt *ctxt = user_data;

  ctxt->_private = GINT_TO_POINTER (1);
  xmlStopParser (ctxt);
}

static xmlDoc *
stead_import_cap_read_xml (const char  *data,
                           gsize        length,
                           GError     **error)
{
  xmlParserCtxt *ctxt = xmlNewParserCtxt ();
  xmlDoc *doc;

  if (ctxt == NULL)
    {
      g_set_error (error, STEAD_GEO_FORMAT_ERROR, 0, _("Out of memory reading the alert"));
      return NULL;
    }
  ctxt->sax->internalSubset = stead_import_cap_refuse_doctype;
  /* No network, no external entities, no entity substitution. */
  doc = xmlCtxtReadMemory (ctxt, data, (int) length, NULL, NULL,
                           XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (ctxt->_private != NULL)
    {
      g_clear_pointer (&doc, xmlFreeDoc);
      g_set_error (error, STEAD_GEO_FORMAT_ERROR, 0,
                   _("The alert has a document type declaration (<!DOCTYPE …>), which CAP 1.2 "
                     "alerts never have; entities are not expanded, so it is not read"));
    }
  else if (doc == NULL)
    {
      const xmlError *e = xmlCtxtGetLastError (ctxt);

      g_set_error (error, STEAD_GEO_FORMAT_ERROR, 0, _("This is not well-formed XML (line %d: %s)"),
                   e ? e->line : 0, e && e->message ? g_strstrip (e->message) : "");
    }
  xmlFreeParserCtxt (ctxt);
  return doc;
}

/**
 * stead_cap_parse:
 * @data: the XML
 * @length: its size
 * @alert: (out): the parsed alert
 * @error: a #GError
 *
 * Parses and checks a CAP 1.2 alert: the required elements, the values
 * of the enumerations, the polygons and circles. A document with a DTD
 * is refused (entities are never expanded), as is one over
 * %STEAD_CAP_MAX_BYTES.
 *
 * Returns: %TRUE if it is a valid alert
 */
gboolean
stead_cap_parse (const char     *data,
                 gsize           length,
                 SteadCapAlert  *alert,
                 GError        **error)
{
  xmlDoc *doc;
  xmlNode *root;
  gboolean ok = FALSE;
  guint n_info = 0;

  memset (alert, 0, sizeof *alert);
  alert->areas = g_ptr_array_new_with_free_func ((GDestroyNotify) stead_cap_area_free);

  if (length > STEAD_CAP_MAX_BYTES)
    {
      g_set_error (error, STEAD_GEO_FORMAT_ERROR, 0,
                   _("The alert is larger than %u MB; no real alert is"),
                   (guint) (STEAD_CAP_MAX_BYTES / (1024 * 1024)));
      g_clear_pointer (&alert->areas, g_ptr_array_unref);
      return FALSE;
    }
  doc = stead_import_cap_read_xml (data, length, error);
  if (doc == NULL)
    {
      g_clear_pointer (&alert->areas, g_ptr_array_unref);
      return FALSE;
    }
  root = xmlDocGetRootElement (doc);
  if (root == NULL || !stead_import_cap_is (root, "alert"))
    {
      g_set_error (error, STEAD_GEO_FORMAT_ERROR, 0,
                   _("This is not a CAP 1.2 alert: the root element is not <alert> in the "
                      "namespace %s"),
                   CAP_NS);
      goto out;
    }
  if (!stead_import_cap_read_alert (alert, root, error))
    goto out;
  for (xmlNode *info = root->children; info != NULL; info = info->next)
    if (stead_import_cap_is (info, "info") &&
        !stead_import_cap_read_info (alert, root, info, ++n_info, error))
      goto out;
  if (n_info == 0 && g_strcmp0 (alert->msg_type, "Cancel") != 0)
    {
      g_set_error (error, STEAD_GEO_FORMAT_ERROR, 0,
                   _("The alert has no <info>, so no hazard to map"));
      goto out;
    }
  ok = TRUE;

out:
  xmlFreeDoc (doc);
  if (!ok)
    stead_cap_alert_clear (alert);
  return ok;
}

void
stead_cap_area_free (SteadCapArea *area)
{
  g_free (area->event);
  g_free (area->severity);
  g_free (area->urgency);
  g_free (area->certainty);
  g_free (area->onset);
  g_free (area->expires);
  g_free (area->headline);
  g_free (area->description);
  g_free (area->instruction);
  g_free (area->area_desc);
  g_free (area->reason);
  g_free (area->language);
  g_free (area->category);
  g_free (area->sender_name);
  g_free (area->geocodes);
  g_free (area->extra);
  g_clear_pointer (&area->geometry, stead_geometry_unref);
  g_free (area);
}

void
stead_cap_alert_clear (SteadCapAlert *alert)
{
  g_clear_pointer (&alert->identifier, g_free);
  g_clear_pointer (&alert->sender, g_free);
  g_clear_pointer (&alert->sent, g_free);
  g_clear_pointer (&alert->status, g_free);
  g_clear_pointer (&alert->msg_type, g_free);
  g_clear_pointer (&alert->references, g_free);
  g_clear_pointer (&alert->areas, g_ptr_array_unref);
}

/* ------------------------------------------------------------------------ */
/* Writing                                                                   */

/* Removes the hazard areas of one alert, counting each as removed if
 * @count; says how many there were. */
static gint64
stead_import_cap_remove_alert (SteadTransaction   *txn,
                               SteadImportContext *context,
                               const char         *sender,
                               const char         *identifier,
                               gboolean            count,
                               GError            **error)
{
  g_autoptr(sqlite3_stmt) names = NULL;

  names = stead_transaction_prepare (
    txn,
    "SELECT name FROM area WHERE fid IN "
    "(SELECT area FROM alert WHERE sender = ? AND identifier = ?) ORDER BY fid",
    error);
  if (names == NULL)
    return -1;
  sqlite3_bind_text (names, 1, sender, -1, SQLITE_STATIC);
  sqlite3_bind_text (names, 2, identifier, -1, SQLITE_STATIC);
  while (count && sqlite3_step (names) == SQLITE_ROW)
    stead_import_context_removed_named (context, (const char *) sqlite3_column_text (names, 0));
  return stead_transaction_run (txn,
                                "DELETE FROM area WHERE fid IN "
                                "(SELECT area FROM alert WHERE sender = ? AND identifier = ?)",
                                STEAD_ARGS (STEAD_STRING (sender), STEAD_STRING (identifier)),
                                error);
}

/* Removes the areas of earlier alerts that @references ("sender,identifier,sent …")
 * names; says how many areas that was. */
static gboolean
stead_import_cap_cancel_references (SteadTransaction   *txn,
                                    SteadImportContext *context,
                                    const char         *references,
                                    gint64             *n_removed,
                                    GError            **error)
{
  g_auto(GStrv) refs = g_strsplit_set (references ? references : "", " \t\r\n", -1);

  *n_removed = 0;
  for (guint i = 0; refs[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (refs[i], ",", 3);
      gint64 removed;

      if (g_strv_length (parts) < 2)
        continue;
      removed = stead_import_cap_remove_alert (txn, context, parts[0], parts[1], TRUE, error);
      if (removed < 0)
        return FALSE;
      *n_removed += removed;
    }
  return TRUE;
}

typedef struct
{
  SteadGeometry *geometry;
  gint64         fid;
} SteadCapWritten;

static gboolean
stead_import_cap_insert_row (SteadTransaction  *txn,
                             SteadCapAlert     *alert,
                             SteadCapArea      *a,
                             gint64             fid,
                             GError           **error)
{
  return stead_transaction_run (
           txn,
           "INSERT INTO alert (area, identifier, sender, sent, status, msg_type, event, "
           "severity, urgency, certainty, onset, expires, headline, description, "
           "instruction, area_desc, info_index, area_index, language, category, sender_name, "
           "geocodes, extra) "
           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
           STEAD_ARGS (STEAD_INT (fid), STEAD_STRING (alert->identifier),
                       STEAD_STRING (alert->sender), STEAD_STRING (alert->sent),
                       STEAD_STRING (alert->status), STEAD_STRING (alert->msg_type),
                       STEAD_STRING (a->event), STEAD_STRING (a->severity),
                       STEAD_STRING (a->urgency), STEAD_STRING (a->certainty),
                       STEAD_TEXT (a->onset), STEAD_TEXT (a->expires), STEAD_TEXT (a->headline),
                       STEAD_TEXT (a->description), STEAD_TEXT (a->instruction),
                       STEAD_STRING (a->area_desc), STEAD_INT (a->info_index),
                       STEAD_INT (a->area_index), STEAD_TEXT (a->language),
                       STEAD_TEXT (a->category), STEAD_TEXT (a->sender_name),
                       STEAD_TEXT (a->geocodes), STEAD_TEXT (a->extra)),
           error) >= 0;
}

/* The hazard areas of the alert: one per polygon, shared by the languages
 * that describe it; the alert imported again replaces its own. */
static gboolean
stead_import_cap_write_areas (SteadImportContext  *context,
                              SteadCapAlert       *alert,
                              const char          *source,
                              GError             **error)
{
  SteadTransaction *txn = stead_import_context_get_transaction (context);
  g_autoptr(GHashTable) had = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr(GArray) written = g_array_new (FALSE, FALSE, sizeof (SteadCapWritten));
  g_autoptr(sqlite3_stmt) old = NULL;
  SteadAreaWriter w;

  old = stead_transaction_prepare (
    txn, "SELECT info_index, area_index FROM alert WHERE sender = ? AND identifier = ?", error);
  if (old == NULL)
    return FALSE;
  sqlite3_bind_text (old, 1, alert->sender, -1, SQLITE_STATIC);
  sqlite3_bind_text (old, 2, alert->identifier, -1, SQLITE_STATIC);
  while (sqlite3_step (old) == SQLITE_ROW)
    g_hash_table_add (had, GINT_TO_POINTER (sqlite3_column_int (old, 0) << 16 |
                                            sqlite3_column_int (old, 1)));
  if (stead_import_cap_remove_alert (txn, context, alert->sender, alert->identifier, FALSE,
                                     error) < 0)
    return FALSE;

  stead_area_writer_init (&w, context, "hazard", source);
  w.no_count = TRUE;
  for (guint i = 0; i < alert->areas->len; i++)
    {
      SteadCapArea *a = g_ptr_array_index (alert->areas, i);
      g_autofree char *name = NULL;
      gint64 fid = 0;

      if (a->reason != NULL)
        {
          stead_import_context_reject (context, 0, i + 1, NULL, 0, "%s", a->reason);
          continue;
        }
      for (guint k = 0; k < written->len && fid == 0; k++)
        if (stead_geometry_equal (g_array_index (written, SteadCapWritten, k).geometry,
                                  a->geometry))
          fid = g_array_index (written, SteadCapWritten, k).fid;
      if (fid == 0)
        {
          SteadCapWritten done = { a->geometry, 0 };

          if (a->is_point)
            name = g_strdup_printf (_("%s: %s (a point: mapped as %g m around it)"), a->event,
                                    a->area_desc, STEAD_CAP_POINT_RADIUS_KM * 1000);
          else
            name = g_strdup_printf ("%s: %s", a->event, a->area_desc);
          if (!stead_area_writer_write (&w, context, a->geometry, NULL, name, &fid, error))
            return FALSE;
          done.fid = fid;
          g_array_append_val (written, done);
          if (g_hash_table_contains (had, GINT_TO_POINTER (a->info_index << 16 | a->area_index)))
            stead_import_context_updated_named (context, name);
          else
            stead_import_context_added_named (context, name);
          if (a->is_point)
            stead_import_context_warn (
              context, _("Area %u (“%s”) is a circle of radius 0, a point: it is mapped as a "
                         "circle of %g m"),
              i + 1, a->area_desc, STEAD_CAP_POINT_RADIUS_KM * 1000);
        }
      if (!stead_import_cap_insert_row (txn, alert, a, fid, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
stead_import_cap_run (SteadImportContext  *context,
                      GError             **error)
{
  SteadTransaction *txn = stead_import_context_get_transaction (context);
  g_autofree char *source = g_file_get_basename (stead_import_context_get_file (context));
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GBytes) bytes = NULL;
  SteadCapAlert alert;
  gboolean ok = FALSE;
  gint64 n_removed = 0;

  stream = stead_import_context_open (context, error);
  if (stream == NULL)
    return FALSE;
  bytes = stead_input_stream_read_bounded (stream, STEAD_CAP_MAX_BYTES,
                                           stead_import_context_get_cancellable (context), error);
  if (bytes == NULL ||
      !stead_cap_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &alert, error))
    {
      g_prefix_error (error, "%s: ", source);
      return FALSE;
    }

  if (g_str_equal (alert.msg_type, "Cancel") || g_str_equal (alert.msg_type, "Update"))
    if (!stead_import_cap_cancel_references (txn, context, alert.references, &n_removed, error))
      goto out;
  if (g_str_equal (alert.msg_type, "Cancel"))
    {
      ok = n_removed > 0;
      if (!ok)
        g_set_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_EMPTY,
                     _("%s cancels %s, which is not in this workspace; nothing changed"), source,
                     alert.references ? alert.references : _("no earlier alert"));
      goto out;
    }
  ok = stead_import_cap_write_areas (context, &alert, source, error);

out:
  stead_cap_alert_clear (&alert);
  return ok;
}

static guint
stead_import_cap_detect (const SteadImportSample *sample)
{
  return sample->content == STEAD_IMPORT_CONTENT_XML && g_strcmp0 (sample->root, "alert") == 0
           ? STEAD_IMPORT_FITS_SURELY
           : 0;
}

const SteadImportFormat stead_import_cap = {
  .id = "cap",
  .title = N_("Warnings (CAP 1.2 alert)"),
  .extensions = STEAD_EXTENSIONS ("cap", "xml"),
  .run = stead_import_cap_run,
  .detect = stead_import_cap_detect,
};
