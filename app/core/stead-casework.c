/* stead-casework.c: needs and resources as records: list, filter, add, assign, close
 *
 * The core's need and resource rows seen through the plugin kit: record
 * types whose fields are the columns, list models over one constant
 * SELECT each whose filters are its bound parameters (so a million rows
 * are filtered by SQLite on the model's worker thread, not one GObject at
 * a time on the main thread), and the edits of casework, each one undo
 * step: add, assign to a partner organisation (a record of kind
 * "organisation", through its record provider: the core never reads a
 * plugin's tables), change the status with the time of each change, and
 * notes. The list never reads a need's title or notes (personal data):
 * only the one-need detail model does, for a page that may show them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stead-casework"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "stead-casework.h"
#include "stead-casework-private.h"
#include "stead-geometry.h"
#include "stead-importer.h"
#include "stead-position.h"
#include "stead-proj.h"
#include "stead-vocabulary.h"
#include "stead-workspace.h"

#define NOW "strftime ('%Y-%m-%dT%H:%M:%fZ', 'now')"
#define NEED_SET(column) "UPDATE need SET " column " = ?1 WHERE fid = ?2"
#define RESOURCE_SET(column) "UPDATE resource SET " column " = ?1 WHERE fid = ?2"

/* Each change of status stamps its time once; going back clears what no
 * longer holds (a reopened need is not closed). One statement: one undo
 * step. */
#define NEED_SET_STATUS                                                                          \
  "UPDATE need SET status = ?1, "                                                                \
  "  assigned = CASE WHEN ?1 = 'assigned' AND status <> 'assigned' THEN " NOW                    \
  "    ELSE assigned END, "                                                                      \
  "  met = CASE WHEN ?1 = 'met' AND status <> 'met' THEN " NOW                                   \
  "    WHEN ?1 IN ('open', 'assigned') THEN NULL ELSE met END, "                                 \
  "  closed = CASE WHEN ?1 IN ('closed', 'cancelled') THEN "                                     \
  "    CASE WHEN status IN ('closed', 'cancelled') THEN closed ELSE " NOW " END "                \
  "    ELSE NULL END "                                                                           \
  "WHERE fid = ?2"

/* Assigning an open need puts it in hand; unassigning one in hand opens
 * it again. */
#define NEED_SET_ASSIGNEE                                                                        \
  "UPDATE need SET assignee = ?1, "                                                              \
  "  status = CASE WHEN ?1 IS NOT NULL AND status = 'open' THEN 'assigned' "                     \
  "    WHEN ?1 IS NULL AND status = 'assigned' THEN 'open' ELSE status END, "                    \
  "  assigned = CASE WHEN ?1 IS NULL THEN NULL WHEN assignee IS ?1 THEN assigned "               \
  "    ELSE " NOW " END "                                                                        \
  "WHERE fid = ?2"

const SteadChoice stead_casework_urgencies[] = {
  { "1", N_("Low") }, { "2", N_("Medium") }, { "3", N_("High") }, { "4", N_("Critical") }, { NULL }
};

const SteadChoice stead_casework_statuses[] = {
  { "open", N_("Open") },
  { "assigned", N_("Assigned") },
  { "met", N_("Met") },
  { "closed", N_("Closed") },
  { "cancelled", N_("Cancelled") },
  { NULL }
};

const SteadChoice stead_casework_availabilities[] = {
  { "available", N_("Available") },
  { "limited", N_("Limited") },
  { "committed", N_("Committed") },
  { "unavailable", N_("Unavailable") },
  { NULL }
};

static const SteadField stead_need_fields[] = {
  { "kind", NULL, NULL, TRUE, STEAD_FIELD_TERM, N_("Kind"), .vocabulary = "need-kind",
    .set_sql = NEED_SET ("kind") },
  { "title", NULL, NULL, .label = N_("Description"), .flags = STEAD_FIELD_PERSONAL,
    .set_sql = NEED_SET ("title") },
  { "people", NULL, NULL, TRUE, STEAD_FIELD_INT, N_("People"), .min = 0, .max = 100000,
    .set_sql = NEED_SET ("people") },
  { "urgency", NULL, NULL, TRUE, STEAD_FIELD_CHOICE, N_("Urgency"),
    .choices = stead_casework_urgencies, .set_sql = NEED_SET ("urgency") },
  { "status", NULL, NULL, TRUE, STEAD_FIELD_CHOICE, N_("Status"),
    .choices = stead_casework_statuses, .set_sql = NEED_SET_STATUS },
  { "assignee", NULL, NULL, .type = STEAD_FIELD_RECORD, .label = N_("Assigned to"),
    .vocabulary = "organisation", .set_sql = NEED_SET_ASSIGNEE },
  { "opened", NULL, NULL, .label = N_("Opened") },
  { "assigned", NULL, NULL, .label = N_("Assigned") },
  { "met", NULL, NULL, .label = N_("Met") },
  { "closed", NULL, NULL, .label = N_("Closed") },
  { "ward", NULL, NULL, .label = N_("Ward") },
  { "owner", NULL, NULL, .label = N_("Recorded by"), .flags = STEAD_FIELD_PLUGIN },
  { "owner_ref", NULL, NULL, .type = STEAD_FIELD_INT, .label = N_("Record"),
    .flags = STEAD_FIELD_INTERNAL },
  { "notes", NULL, NULL, .label = N_("Notes"),
    .flags = STEAD_FIELD_PERSONAL | STEAD_FIELD_MULTILINE, .set_sql = NEED_SET ("notes") },
  { "longitude", NULL, NULL, .type = STEAD_FIELD_DOUBLE, .label = N_("Longitude"),
    .flags = STEAD_FIELD_INTERNAL },
  { "latitude", NULL, NULL, .type = STEAD_FIELD_DOUBLE, .label = N_("Latitude"),
    .flags = STEAD_FIELD_INTERNAL },
};

static const SteadRecordInfo stead_need_info = {
  .kind = "need",
  .owner = "core",
  .title_field = "kind",
  .fields = stead_need_fields,
  .n_fields = G_N_ELEMENTS (stead_need_fields),
  /* The kind, never the title: the summary labels the undo step and the
   * audit log, and a title may name a person. */
  .edit_summary = N_("Edit need (%s)"),
  .title_sql = "SELECT kind FROM need WHERE fid = ?1",
};

static const SteadField stead_resource_fields[] = {
  /* Kind and capacity are the publisher's (a plugin publishes them again). */
  { "kind", NULL, NULL, TRUE, STEAD_FIELD_TERM, N_("Kind"), .vocabulary = "resource-kind" },
  { "title", NULL, NULL, .label = N_("Description"), .flags = STEAD_FIELD_PERSONAL },
  { "capacity", NULL, NULL, TRUE, STEAD_FIELD_INT, N_("Capacity"), .min = 0, .max = 10000000 },
  { "availability", NULL, NULL, TRUE, STEAD_FIELD_CHOICE, N_("Availability"),
    .choices = stead_casework_availabilities, .set_sql = RESOURCE_SET ("availability") },
  { "owner", NULL, NULL, .label = N_("Published by"), .flags = STEAD_FIELD_PLUGIN },
  { "owner_ref", NULL, NULL, .type = STEAD_FIELD_INT, .label = N_("Record"),
    .flags = STEAD_FIELD_INTERNAL },
};

static const SteadRecordInfo stead_resource_info = {
  .kind = "resource",
  .owner = "core",
  .title_field = "kind",
  .fields = stead_resource_fields,
  .n_fields = G_N_ELEMENTS (stead_resource_fields),
  .edit_summary = N_("Edit resource (%s)"),
  .title_sql = "SELECT kind FROM resource WHERE fid = ?1",
};

STEAD_DEFINE_RECORD_TYPE (SteadNeed, stead_need, &stead_need_info)
STEAD_DEFINE_RECORD_TYPE (SteadResource, stead_resource, &stead_resource_info)

/* ------------------------------------------------------------------------ */
/* Lists                                                                     */

/* No title, no notes: the list never holds personal data. Filters are
 * parameters, NULL for "any"; the last is NULL only before the first
 * filter is set, so that the model's first, synchronous, load reads
 * nothing and a million rows are read on its worker thread. A need is in an area when the area's
 * polygon holds it; the R-tree finds the few inside its box first. */
static const char stead_needs_sql[] =
  "SELECT n.fid AS id, n.kind, n.people, n.urgency, n.status, substr (n.opened, 1, 10) AS opened, "
  "  n.assignee, n.owner, n.owner_ref "
  "FROM need n "
  "WHERE (?1 IS NULL OR n.status = ?1 OR (?1 = 'active' AND n.status IN ('open', 'assigned'))) "
  "  AND (?2 IS NULL OR n.kind = ?2) "
  "  AND (?3 IS NULL OR n.urgency = ?3) "
  "  AND (?4 IS NULL OR n.assignee = ?4 OR (?4 = -1 AND n.assignee IS NULL)) "
  "  AND (?6 IS NULL OR n.opened >= ?6) "
  "  AND (?5 IS NULL OR n.fid IN ("
  "    SELECT r.id FROM rtree_need_geom r, rtree_area_geom ra "
  "    WHERE ra.id = ?5 AND r.minx >= ra.minx AND r.maxx <= ra.maxx "
  "      AND r.miny >= ra.miny AND r.maxy <= ra.maxy "
  "      AND Stead_Contains ((SELECT geom FROM area WHERE fid = ?5), "
  "                          (SELECT geom FROM need WHERE fid = r.id)))) "
  "  AND ?7 IS NOT NULL "
  "ORDER BY n.opened DESC, n.fid DESC";

static const char stead_need_detail_sql[] =
  "SELECT n.fid AS id, n.kind, n.title, n.people, n.urgency, n.status, "
  "  replace (substr (n.opened, 1, 16), 'T', ' ') AS opened, "
  "  replace (substr (n.assigned, 1, 16), 'T', ' ') AS assigned, "
  "  replace (substr (n.met, 1, 16), 'T', ' ') AS met, "
  "  replace (substr (n.closed, 1, 16), 'T', ' ') AS closed, "
  "  n.assignee, n.owner, n.owner_ref, n.notes, "
  "  CASE WHEN n.geom IS NULL THEN NULL ELSE ST_MinX (n.geom) END AS longitude, "
  "  CASE WHEN n.geom IS NULL THEN NULL ELSE ST_MinY (n.geom) END AS latitude, "
  "  (SELECT a.name FROM rtree_area_geom r JOIN area a ON a.fid = r.id "
  "   WHERE n.geom IS NOT NULL AND a.kind = 'ward' "
  "     AND r.minx <= ST_MinX (n.geom) AND r.maxx >= ST_MaxX (n.geom) "
  "     AND r.miny <= ST_MinY (n.geom) AND r.maxy >= ST_MaxY (n.geom) "
  "     AND Stead_Contains (a.geom, n.geom) LIMIT 1) AS ward "
  "FROM need n WHERE n.fid = ?1";

static const char stead_resources_sql[] =
  "SELECT fid AS id, kind, capacity, availability, owner, owner_ref FROM resource "
  "WHERE (?1 IS NULL OR kind = ?1) "
  "  AND (?2 IS NULL OR availability = ?2) "
  "  AND (?3 IS NULL OR owner = ?3 OR (?3 = '' AND owner IS NULL)) "
  "  AND ?4 IS NOT NULL "
  "ORDER BY kind, fid";

static void
stead_casework_set_params (SteadQueryModel  *model,
                           const SteadValue *values,
                           guint             n_values)
{
  stead_query_model_set_params (model, values, n_values);
}

/**
 * stead_needs_new:
 * @workspace: a #SteadWorkspace
 *
 * Every need, newest first, as #SteadNeed without its title or notes;
 * filter them with stead_needs_set_filter().
 *
 * Returns: (transfer full): the needs
 */
SteadQueryModel *
stead_needs_new (SteadWorkspace *workspace)
{
  SteadQueryModel *model;

  g_return_val_if_fail (STEAD_IS_WORKSPACE (workspace), NULL);

  model = stead_query_model_new (workspace, STEAD_TYPE_NEED, stead_needs_sql,
                                 STEAD_STRV ("need", "area"));
  stead_query_model_set_async_threshold (model, 0);
  stead_needs_set_filter (model, NULL);
  return model;
}

/**
 * stead_needs_set_filter:
 * @needs: a model from stead_needs_new()
 * @filter: (nullable): what to list; %NULL for every need
 *
 * Lists the needs @filter lets by (read again off the main thread).
 */
void
stead_needs_set_filter (SteadQueryModel       *needs,
                        const SteadNeedFilter *filter)
{
  SteadNeedFilter none = { 0 };

  g_return_if_fail (STEAD_IS_QUERY_MODEL (needs));

  if (filter == NULL)
    filter = &none;
  stead_casework_set_params (
    needs,
    STEAD_ARGS (STEAD_TEXT (filter->status), STEAD_TEXT (filter->kind),
                STEAD_INT_OR_NULL (filter->urgency, filter->urgency > 0),
                STEAD_INT_OR_NULL (filter->assignee, filter->assignee != 0),
                STEAD_INT_OR_NULL (filter->area, filter->area > 0),
                STEAD_TEXT (filter->opened_since), STEAD_INT (1)));
}

/**
 * stead_need_detail_new:
 * @workspace: a #SteadWorkspace
 *
 * Returns: (transfer full): a model of the one need given to
 *   stead_need_detail_set_fid(), with every field
 */
SteadQueryModel *
stead_need_detail_new (SteadWorkspace *workspace)
{
  SteadQueryModel *model;

  g_return_val_if_fail (STEAD_IS_WORKSPACE (workspace), NULL);

  model = stead_query_model_new (workspace, STEAD_TYPE_NEED, stead_need_detail_sql,
                                 STEAD_STRV ("need", "area"));
  stead_need_detail_set_fid (model, 0);
  return model;
}

void
stead_need_detail_set_fid (SteadQueryModel *detail,
                           gint64           fid)
{
  g_return_if_fail (STEAD_IS_QUERY_MODEL (detail));

  stead_casework_set_params (detail, STEAD_ARGS (STEAD_INT (fid)));
}

SteadQueryModel *
stead_resources_new (SteadWorkspace *workspace)
{
  SteadQueryModel *model;

  g_return_val_if_fail (STEAD_IS_WORKSPACE (workspace), NULL);

  model = stead_query_model_new (workspace, STEAD_TYPE_RESOURCE, stead_resources_sql,
                                 STEAD_STRV ("resource"));
  stead_query_model_set_async_threshold (model, 0);
  stead_resources_set_filter (model, NULL);
  return model;
}

void
stead_resources_set_filter (SteadQueryModel           *resources,
                            const SteadResourceFilter *filter)
{
  SteadResourceFilter none = { 0 };

  g_return_if_fail (STEAD_IS_QUERY_MODEL (resources));

  if (filter == NULL)
    filter = &none;
  stead_casework_set_params (resources,
                             STEAD_ARGS (STEAD_TEXT (filter->kind),
                                         STEAD_TEXT (filter->availability),
                                         STEAD_STRING (filter->owner), STEAD_INT (1)));
}

/* ------------------------------------------------------------------------ */
/* Edits                                                                     */

static char *
stead_casework_kind_summary (SteadWorkspace *workspace,
                             const char     *format,
                             const char     *kind)
{
  g_autofree char *label = stead_workspace_get_term_label (workspace, "need-kind", kind);

  return g_strdup_printf (format, label != NULL ? label : kind);
}

/**
 * stead_need_add:
 * @workspace: a #SteadWorkspace
 * @kind: a need-kind code (or label)
 * @people: how many people it affects
 * @urgency: 1 (low) to 4 (critical)
 * @title: (nullable): what it is (personal data)
 * @lon: longitude (WGS84)
 * @lat: latitude
 * @error: a #GError
 *
 * Records an open need, opened now, as one undo step.
 *
 * Returns: its fid, or 0 with @error set
 */
gint64
stead_need_add (SteadWorkspace  *workspace,
                const char      *kind,
                gint64           people,
                int              urgency,
                const char      *title,
                double           lon,
                double           lat,
                GError         **error)
{
  const SteadField *kind_field = &stead_need_fields[0];
  g_auto(GValue) code = G_VALUE_INIT;
  g_autoptr(SteadGeometry) point = NULL;
  g_autofree char *summary = NULL;
  gint64 fid;

  g_return_val_if_fail (STEAD_IS_WORKSPACE (workspace), 0);

  if (kind == NULL || *kind == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Choose what kind of need it is"));
      return 0;
    }
  if (!stead_field_parse (kind_field, workspace, kind, &code, error))
    return 0;
  if (urgency < 1 || urgency > 4)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Urgency must be Low, Medium, High or Critical, not %d"), urgency);
      return 0;
    }
  if (people < 0 || people > 100000)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("People affected must be between 0 and 100000"));
      return 0;
    }
  if (!isfinite (lon) || !isfinite (lat) || lon < -180 || lon > 180 || lat < -90 || lat > 90)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Give the need a position on the map"));
      return 0;
    }
  point = stead_geometry_new_point (lon, lat);
  summary = stead_casework_kind_summary (workspace, _("Add need (%s)"), g_value_get_string (&code));
  fid = stead_workspace_edit (workspace, "core", summary,
                              "INSERT INTO need (geom, kind, title, people, urgency, status, "
                              "  opened) VALUES (?1, ?2, ?3, ?4, ?5, 'open', " NOW ")",
                              STEAD_ARGS (STEAD_GEOMETRY (point),
                                          STEAD_TEXT (g_value_get_string (&code)),
                                          STEAD_TEXT (title), STEAD_INT (people),
                                          STEAD_INT (urgency)),
                              error);
  return fid > 0 ? fid : 0;
}

/**
 * stead_need_set_status:
 * @workspace: a #SteadWorkspace
 * @fid: a need
 * @status: open, assigned, met, closed or cancelled
 * @error: a #GError
 *
 * Changes the status and stamps when (assigned, met, closed), as one undo
 * step.
 */
gboolean
stead_need_set_status (SteadWorkspace  *workspace,
                       gint64           fid,
                       const char      *status,
                       GError         **error)
{
  g_return_val_if_fail (STEAD_IS_WORKSPACE (workspace), FALSE);

  return stead_workspace_save_field (workspace, &stead_need_info, fid, "status", status, error);
}

/**
 * stead_need_assign:
 * @workspace: a #SteadWorkspace
 * @fid: a need
 * @organisation: a partner organisation's id (its record provider's), or
 *   0 to unassign
 * @error: a #GError
 *
 * Assigns the need (an open one is then assigned, with the time), as one
 * undo step; an organisation its provider does not know is refused.
 */
gboolean
stead_need_assign (SteadWorkspace  *workspace,
                   gint64           fid,
                   gint64           organisation,
                   GError         **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (STEAD_IS_WORKSPACE (workspace), FALSE);

  if (organisation > 0)
    text = g_strdup_printf ("%" G_GINT64_FORMAT, organisation);
  return stead_workspace_save_field (workspace, &stead_need_info, fid, "assignee", text, error);
}

gboolean
stead_need_set_notes (SteadWorkspace  *workspace,
                      gint64           fid,
                      const char      *notes,
                      GError         **error)
{
  g_return_val_if_fail (STEAD_IS_WORKSPACE (workspace), FALSE);

  return stead_workspace_save_field (workspace, &stead_need_info, fid, "notes", notes, error);
}

gboolean
stead_need_move (SteadWorkspace  *workspace,
                 gint64           fid,
                 double           lon,
                 double           lat,
                 GError         **error)
{
  g_autoptr(SteadGeometry) point = NULL;

  g_return_val_if_fail (STEAD_IS_WORKSPACE (workspace), FALSE);

  if (!isfinite (lon) || !isfinite (lat) || lon < -180 || lon > 180 || lat < -90 || lat > 90)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("That is not a position on the map"));
      return FALSE;
    }
  point = stead_geometry_new_point (lon, lat);
  return stead_workspace_edit (workspace, "core", _("Move need"),
                               "UPDATE need SET geom = ?1 WHERE fid = ?2",
                               STEAD_ARGS (STEAD_GEOMETRY (point), STEAD_INT (fid)), error) > 0;
}

/**
 * stead_need_remove:
 *
 * Removes a need the core recorded, as one undo step. A plugin's need
 * (owner set) is removed in its plugin: it would publish it again.
 */
gboolean
stead_need_remove (SteadWorkspace  *workspace,
                   gint64           fid,
                   GError         **error)
{
  g_return_val_if_fail (STEAD_IS_WORKSPACE (workspace), FALSE);

  return stead_workspace_edit (workspace, "core", _("Remove need"),
                               "DELETE FROM need WHERE fid = ?1 AND owner IS NULL",
                               STEAD_ARGS (STEAD_INT (fid)), error) > 0;
}

gboolean
stead_resource_set_availability (SteadWorkspace  *workspace,
                                 gint64           fid,
                                 const char      *availability,
                                 GError         **error)
{
  g_return_val_if_fail (STEAD_IS_WORKSPACE (workspace), FALSE);

  return stead_workspace_save_field (workspace, &stead_resource_info, fid, "availability",
                                     availability, error);
}

/* ------------------------------------------------------------------------ */
/* Labels and areas                                                          */

const char *
stead_need_status_label (const char *status)
{
  const char *label = stead_choice_get_label (stead_casework_statuses, status);

  return label != NULL ? label : status;
}

const char *
stead_need_urgency_label (int urgency)
{
  char code[2] = { '0' + CLAMP (urgency, 1, 4), '\0' };

  return stead_choice_get_label (stead_casework_urgencies, code);
}

/**
 * stead_workspace_list_areas:
 * @workspace: a #SteadWorkspace
 * @kind: an area kind ("ward")
 *
 * Returns: (transfer full): the areas as #SteadTerm (code: the fid as
 *   text; label: the name), by name, following changes
 */
GListModel *
stead_workspace_list_areas (SteadWorkspace *workspace,
                            const char     *kind)
{
  g_return_val_if_fail (STEAD_IS_WORKSPACE (workspace), NULL);

  return stead_terms_new_for_query (workspace,
                                    "SELECT CAST (fid AS TEXT), name FROM area WHERE kind = ?1 "
                                    "ORDER BY name COLLATE NOCASE",
                                    kind, STEAD_STRV ("area"));
}

gint64
stead_workspace_count_needs (SteadWorkspace *workspace)
{
  g_return_val_if_fail (STEAD_IS_WORKSPACE (workspace), 0);

  return stead_workspace_query_int64 (workspace, "SELECT count(*) FROM need", NULL, 0);
}

gint64
stead_workspace_count_resources (SteadWorkspace *workspace)
{
  g_return_val_if_fail (STEAD_IS_WORKSPACE (workspace), 0);

  return stead_workspace_query_int64 (workspace, "SELECT count(*) FROM resource", NULL, 0);
}

char *
stead_need_dup_area_name (SteadWorkspace *workspace,
                          gint64          fid)
{
  g_autoptr(SteadQueryModel) detail = NULL;
  g_autoptr(SteadRecord) need = NULL;

  g_return_val_if_fail (STEAD_IS_WORKSPACE (workspace), NULL);

  detail = stead_need_detail_new (workspace);
  stead_need_detail_set_fid (detail, fid);
  need = g_list_model_get_item (G_LIST_MODEL (detail), 0);
  return need != NULL ? g_strdup (stead_record_get_string (need, "ward")) : NULL;
}

/* ------------------------------------------------------------------------ */
/* Positions                                                                 */

gboolean
stead_workspace_resolve_position (SteadWorkspace  *workspace,
                                  const char      *text,
                                  double          *lon,
                                  double          *lat,
                                  char           **description,
                                  GError         **error)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *postcode = NULL;
  double a, b, size;

  g_return_val_if_fail (STEAD_IS_WORKSPACE (workspace), FALSE);
  g_return_val_if_fail (lon != NULL && lat != NULL, FALSE);

  trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));
  if (*trimmed == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Type a postcode, a grid reference or a latitude and longitude"));
      return FALSE;
    }

  if (stead_coordinates_parse (trimmed, &a, &b))
    {
      *lat = a;
      *lon = b;
      if (description != NULL)
        /* TRANSLATORS: a position resolved from coordinates: latitude, longitude */
        *description = g_strdup_printf (_("%.5f, %.5f"), a, b);
      return TRUE;
    }

  if (stead_grid_ref_parse (trimmed, &a, &b, &size))
    {
      g_autoptr(SteadProj) proj = stead_proj_new ("EPSG:27700", error);
      g_autofree char *reference = NULL;
      guint digits = size >= 1 ? 5 - (guint) CLAMP (round (log10 (size)), 0, 5) : 5;

      if (proj == NULL)
        return FALSE;
      /* A square's centre stands for it. */
      if (!stead_proj_to_wgs84 (proj, a + size / 2, b + size / 2, lon, lat))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("“%s” could not be turned into a latitude and longitude"), trimmed);
          return FALSE;
        }
      reference = stead_grid_ref_format (a, b, digits);
      if (description != NULL)
        /* TRANSLATORS: a grid reference resolved: the reference, latitude, longitude */
        *description = g_strdup_printf (_("Grid reference %s: %.5f, %.5f"), reference, *lat,
                                        *lon);
      return TRUE;
    }

  postcode = stead_postcode_normalize (trimmed);
  if (postcode != NULL)
    {
      if (!stead_workspace_lookup_postcode (workspace, postcode, lon, lat))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                       _("The postcode %s is not in this workspace’s postcode directory"),
                       postcode);
          return FALSE;
        }
      if (description != NULL)
        {
          /* As it is written: the inward code (the last three) apart. */
          gsize len = strlen (postcode);
          g_autofree char *spaced = g_strdup_printf ("%.*s %s", (int) (len - 3), postcode,
                                                     postcode + len - 3);

          /* TRANSLATORS: a postcode resolved: the postcode, latitude, longitude */
          *description = g_strdup_printf (_("Postcode %s: %.5f, %.5f"), spaced, *lat, *lon);
        }
      return TRUE;
    }

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               _("“%s” is not a postcode, a grid reference (such as SO 89 32) or a latitude "
                 "and longitude (such as 51.99, -2.16)"),
               trimmed);
  return FALSE;
}
