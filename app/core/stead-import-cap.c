/* stead-import-cap.c: warnings as CAP 1.2 alerts (Environment Agency,
 * Met Office), each area a hazard area with an `alert` row
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
#include "stead-workspace.h"
#include "stead-workspace-private.h"

#define CAP_NS "urn:oasis:names:tc:emergency:cap:1.2"

static xmlNode *
stead_import_cap_child (xmlNode    *parent,
                        const char *name)
{
  for (xmlNode *n = parent->children; n != NULL; n = n->next)
    if (n->type == XML_ELEMENT_NODE && xmlStrcmp (n->name, (const xmlChar *) name) == 0)
      return n;
  return NULL;
}

static char *
stead_import_cap_text (xmlNode    *parent,
                       const char *name)
{
  xmlNode *node = stead_import_cap_child (parent, name);
  xmlChar *content;
  char *text;

  if (node == NULL)
    return NULL;
  content = xmlNodeGetContent (node);
  text = g_strstrip (g_strdup ((const char *) content));
  xmlFree (content);
  if (text[0] == '\0' || !g_utf8_validate (text, -1, NULL))
    {
      g_free (text);
      return NULL;
    }
  return text;
}

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

/* "lat,lon radius-km": a 36-sided polygon. */
static SteadGeometry *
stead_import_cap_circle (const char  *text,
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
      !stead_parse_double (ll[1], &lon) || !stead_parse_double (parts[1], &radius) || radius <= 0 ||
      radius > 2000 || !stead_geo_position_ok (lon, lat))
    {
      *reason = g_strdup_printf (_("circle “%s” is not “latitude,longitude radius-in-km”"), text);
      return NULL;
    }
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
                              xmlNode      *area)
{
  for (xmlNode *shape = area->children; shape != NULL && a->reason == NULL; shape = shape->next)
    {
      g_autoptr(SteadGeometry) polygon = NULL;
      g_autofree char *reason = NULL;
      gboolean is_polygon;
      xmlChar *content;

      if (shape->type != XML_ELEMENT_NODE)
        continue;
      is_polygon = xmlStrcmp (shape->name, (const xmlChar *) "polygon") == 0;
      if (!is_polygon && xmlStrcmp (shape->name, (const xmlChar *) "circle") != 0)
        continue;
      content = xmlNodeGetContent (shape);
      polygon = is_polygon ? stead_import_cap_polygon ((const char *) content, &reason)
                           : stead_import_cap_circle ((const char *) content, &reason);
      xmlFree (content);
      if (polygon == NULL)
        a->reason = g_strdup_printf (_("area “%s”: %s"), a->area_desc, reason);
      else
        stead_geometry_add_polygon (a->geometry, polygon);
    }
  if (a->reason == NULL && stead_geometry_get_n_polygons (a->geometry) == 0)
    a->reason = g_strdup_printf (
      _("area “%s” has no <polygon> or <circle> (geocodes alone cannot be mapped)"), a->area_desc);
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

/* One <info>: its event and times, then an area for each <area>. */
static gboolean
stead_import_cap_read_info (SteadCapAlert  *alert,
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

  for (xmlNode *area = info->children; area != NULL; area = area->next)
    {
      SteadCapArea *a;

      if (area->type != XML_ELEMENT_NODE || xmlStrcmp (area->name, (const xmlChar *) "area") != 0)
        continue;
      n_area++;
      a = g_new0 (SteadCapArea, 1);
      a->event = g_strdup (event);
      a->severity = g_strdup (severity);
      a->urgency = g_strdup (urgency);
      a->certainty = g_strdup (certainty);
      a->onset = g_strdup (onset);
      a->expires = g_strdup (expires);
      a->headline = stead_import_cap_text (info, "headline");
      a->description = stead_import_cap_text (info, "description");
      a->instruction = stead_import_cap_text (info, "instruction");
      a->area_desc = stead_import_cap_text (area, "areaDesc");
      a->geometry = stead_geometry_new_multipolygon ();
      g_ptr_array_add (alert->areas, a);
      if (a->area_desc == NULL)
        a->reason = g_strdup_printf (_("<info> %u, <area> %u has no <areaDesc>"), n_info, n_area);
      else
        stead_import_cap_read_shapes (a, area);
    }
  return TRUE;
}

/**
 * stead_cap_parse:
 * @data: the XML
 * @length: its size
 * @alert: (out): the parsed alert
 * @error: a #GError
 *
 * Parses and checks a CAP 1.2 alert: the required elements, the values
 * of the enumerations, the polygons and circles.
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

  if (length > G_MAXINT)
    {
      g_set_error (error, STEAD_GEO_FORMAT_ERROR, 0, _("The alert is too large"));
      return FALSE;
    }
  /* No network, no external entities, no entity expansion. */
  doc = xmlReadMemory (data, (int) length, NULL, NULL,
                       XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (doc == NULL)
    {
      const xmlError *e = xmlGetLastError ();

      g_set_error (error, STEAD_GEO_FORMAT_ERROR, 0, _("This is not well-formed XML (line %d: %s)"),
                   e ? e->line : 0, e && e->message ? g_strstrip (e->message) : "");
      return FALSE;
    }
  root = xmlDocGetRootElement (doc);
  if (root == NULL || xmlStrcmp (root->name, (const xmlChar *) "alert") != 0 ||
      root->ns == NULL || xmlStrcmp (root->ns->href, (const xmlChar *) CAP_NS) != 0)
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
    if (info->type == XML_ELEMENT_NODE && xmlStrcmp (info->name, (const xmlChar *) "info") == 0 &&
        !stead_import_cap_read_info (alert, info, ++n_info, error))
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

/* Removes the areas of earlier alerts that @references ("sender,identifier,sent …") names. */
static gboolean
stead_import_cap_cancel_references (SteadTransaction  *txn,
                                    SteadImportContext *context,
                                    const char        *references,
                                    GError           **error)
{
  g_auto(GStrv) refs = g_strsplit_set (references ? references : "", " \t\r\n", -1);

  for (guint i = 0; refs[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (refs[i], ",", 3);
      gint64 removed;

      if (g_strv_length (parts) < 2)
        continue;
      removed = stead_transaction_run (
        txn,
        "DELETE FROM area WHERE fid IN "
        "(SELECT area FROM alert WHERE sender = ? AND identifier = ?)",
        STEAD_ARGS (STEAD_STRING (parts[0]), STEAD_STRING (parts[1])), error);
      if (removed < 0)
        return FALSE;
      stead_import_context_updated (context, removed);
    }
  return TRUE;
}

static gboolean
stead_import_cap_run (SteadImportContext  *context,
                      GError             **error)
{
  SteadTransaction *txn = stead_import_context_get_transaction (context);
  g_autofree char *data = NULL;
  g_autofree char *source = g_file_get_basename (stead_import_context_get_file (context));
  g_autoptr(sqlite3_stmt) find = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autoptr(sqlite3_stmt) remove = NULL;
  SteadCapAlert alert;
  gsize length;
  SteadAreaWriter w;
  gboolean ok = FALSE;

  if (!g_file_load_contents (stead_import_context_get_file (context),
                             stead_import_context_get_cancellable (context), &data, &length, NULL,
                             error))
    return FALSE;
  if (!stead_cap_parse (data, length, &alert, error))
    {
      g_prefix_error (error, "%s: ", source);
      return FALSE;
    }

  if (g_str_equal (alert.msg_type, "Cancel") || g_str_equal (alert.msg_type, "Update"))
    if (!stead_import_cap_cancel_references (txn, context, alert.references, error))
      goto out;
  if (g_str_equal (alert.msg_type, "Cancel"))
    {
      ok = TRUE;
      goto out;
    }

  stead_area_writer_init (&w, context, "hazard", source);
  w.no_count = TRUE;

  find = stead_transaction_prepare (
    txn, "SELECT area FROM alert WHERE sender = ? AND identifier = ? AND area_desc = ?", error);
  remove = stead_transaction_prepare (txn, "DELETE FROM area WHERE fid = ?", error);
  insert = stead_transaction_prepare (
    txn,
    "INSERT INTO alert (area, identifier, sender, sent, status, msg_type, event, "
    "severity, urgency, certainty, onset, expires, headline, description, "
    "instruction, area_desc) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    error);
  if (find == NULL || remove == NULL || insert == NULL)
    goto out;

  ok = TRUE;
  for (guint i = 0; ok && i < alert.areas->len; i++)
    {
      SteadCapArea *a = g_ptr_array_index (alert.areas, i);
      g_autofree char *name = NULL;
      gint64 fid, old = 0;

      if (a->reason != NULL)
        {
          stead_import_context_reject (context, 0, i + 1, NULL, 0, "%s", a->reason);
          continue;
        }

      /* The same alert imported again replaces its area. */
      sqlite3_bind_text (find, 1, alert.sender, -1, SQLITE_STATIC);
      sqlite3_bind_text (find, 2, alert.identifier, -1, SQLITE_STATIC);
      sqlite3_bind_text (find, 3, a->area_desc, -1, SQLITE_STATIC);
      if (sqlite3_step (find) == SQLITE_ROW)
        old = sqlite3_column_int64 (find, 0);
      sqlite3_reset (find);
      if (old != 0)
        {
          sqlite3_bind_int64 (remove, 1, old);
          if (!stead_transaction_step (txn, remove, error))
            {
              ok = FALSE;
              break;
            }
        }

      name = g_strdup_printf ("%s: %s", a->event, a->area_desc);
      if (!stead_area_writer_write (&w, context, a->geometry, NULL, name, &fid, error))
        {
          ok = FALSE;
          break;
        }
      if (old != 0)
        stead_import_context_updated_named (context, name);
      else
        stead_import_context_added_named (context, name);

      sqlite3_bind_int64 (insert, 1, fid);
      sqlite3_bind_text (insert, 2, alert.identifier, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 3, alert.sender, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 4, alert.sent, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 5, alert.status, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 6, alert.msg_type, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 7, a->event, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 8, a->severity, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 9, a->urgency, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 10, a->certainty, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 11, a->onset, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 12, a->expires, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 13, a->headline, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 14, a->description, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 15, a->instruction, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 16, a->area_desc, -1, SQLITE_STATIC);
      ok = stead_transaction_step (txn, insert, error);
      sqlite3_clear_bindings (insert);
    }

out:
  stead_cap_alert_clear (&alert);
  return ok;
}

const SteadImportFormat stead_import_cap = {
  .id = "cap",
  .title = N_("Warnings (CAP 1.2 alert)"),
  .extensions = STEAD_EXTENSIONS ("cap", "xml"),
  .run = stead_import_cap_run,
};
