/* test-groups-map.c: the target groups on the map: households kept to counts
 * below the privacy zoom, a group's counts as the choropleth, an area's
 * groups in its panel, and the layers going with the plugin
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "groups.h"
#include "stead-area-panel-private.h"
#include "stead-test-util.h"
#include "stead-window-private.h"

static SteadApplication *app;
static char *tmp_dir;

#define count stead_test_count

#define LAYER_SHADED     "Target Groups by Area"
#define LAYER_GAPS       "Coverage Gaps"
#define LAYER_PLACES     "Target Group Places"
#define LAYER_HOUSEHOLDS "Households"

static SteadWindow *
open_window (const char *name)
{
  g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
  SteadWindow *window = stead_test_open_window (app, path, "Partnershire", 50);

  GtkWidget *map_view = GTK_WIDGET (stead_window_get_map_view (window));

  /* Past the first zoom to the area, which waits for the map's first
   * layout: however long the window takes to build. */
  for (guint i = 0; i < 100 && gtk_widget_get_width (map_view) <= 0; i++)
    stead_test_iterate (50);
  g_assert_cmpint (gtk_widget_get_width (map_view), >, 0);
  stead_test_iterate (300);
  return window;
}

/* A household list, @days from today to its retention date (past if
 * negative), returning its id. */
static gint64
add_list (SteadWorkspace *ws,
          const char     *name,
          int             days,
          gboolean        points_allowed)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = g_strdup_printf ("INSERT INTO groups_household_list (name, "
                                          "lawful_basis, received, retention, points_allowed) "
                                          "VALUES (?, 'vital-interests', '2026-01-01', "
                                          "date ('now', '%+d days'), ?)",
                                          days);

  g_assert_cmpint (stead_workspace_edit (ws, GROUPS_OWNER, "Add list", sql,
                                         STEAD_ARGS (STEAD_STRING (name),
                                                     STEAD_INT (points_allowed)),
                                         &error), >, 0);
  g_assert_no_error (error);
  return count (ws, "SELECT max (id) FROM groups_household_list");
}

/* @n households of @list in the ward @area, about its middle. */
static void
add_households (SteadWorkspace *ws,
                gint64          list,
                gint64          area,
                guint           n)
{
  g_autoptr(sqlite3_stmt) stmt = stead_workspace_prepare (
    ws, "SELECT (minx + maxx) / 2, (miny + maxy) / 2 FROM rtree_area_geom WHERE id = ?", NULL);
  double x, y;

  sqlite3_bind_int64 (stmt, 1, area);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  x = sqlite3_column_double (stmt, 0);
  y = sqlite3_column_double (stmt, 1);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SteadGeometry) point = stead_geometry_new_point (x + i * 1e-4, y);
      g_autoptr(GError) error = NULL;
      g_autofree char *reference = g_strdup_printf ("L%" G_GINT64_FORMAT "-A%" G_GINT64_FORMAT
                                                    "-%u", list, area, i);

      stead_workspace_edit (ws, GROUPS_OWNER, "Add household",
                            "INSERT INTO groups_household (geom, list, reference, area) "
                            "VALUES (?, ?, ?, ?)",
                            STEAD_ARGS (STEAD_GEOMETRY (point), STEAD_INT (list),
                                        STEAD_STRING (reference), STEAD_INT (area)),
                            &error);
      g_assert_no_error (error);
    }
}

static ShumateLayer *
layer (SteadWindow *window,
       const char  *title)
{
  ShumateLayer *found = stead_map_view_get_named_layer (stead_window_get_map_view (window), title);

  g_assert_nonnull (found);
  return found;
}

static void
set_zoom (SteadWindow *window,
          double       zoom)
{
  SteadMapView *map_view = stead_window_get_map_view (window);
  ShumateViewport *viewport = stead_map_view_get_viewport (map_view);

  shumate_viewport_set_zoom_level (viewport, zoom);
  stead_test_iterate (50);
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), ==, zoom);
}

static void
set_personal (SteadWindow *window,
              gboolean     allowed)
{
  g_object_set (stead_map_view_get_area_panel (stead_window_get_map_view (window)),
                "show-personal", allowed, NULL);
  stead_test_iterate (50);
}

/* What the households layer draws: points, and the households counted. */
static void
drawn (SteadWindow *window,
       guint       *points,
       gint64      *counted)
{
  g_object_get (layer (window, LAYER_HOUSEHOLDS), "n-points", points, "n-counted", counted, NULL);
}

/* Households are counts per area unless the zoom is past the privacy
 * zoom AND personal data may be shown AND the list's agreement allows
 * points; an expired list is never drawn at all. */
static void
test_privacy_threshold (void)
{
  SteadWindow *window = open_window ("privacy.gpkg");
  SteadWorkspace *ws = stead_window_get_workspace (window);
  g_autoptr(GError) error = NULL;
  gint64 ward1 = count (ws, "SELECT min (fid) FROM area WHERE kind = 'ward'");
  gint64 ward2 = count (ws, "SELECT max (fid) FROM area WHERE kind = 'ward'");
  gint64 allowed, counts_only, expired, today;
  gint64 n_allowed, n_counts_only, counted;
  guint points;

  g_assert_cmpint (ward1, <, ward2);
  /* Only this test's lists: the demo's households out of the way. */
  {
    const char *clear[] = { "DELETE FROM need WHERE owner = 'groups'",
                            "DELETE FROM groups_household", "DELETE FROM groups_household_list" };

    for (guint i = 0; i < G_N_ELEMENTS (clear); i++)
      {
        stead_workspace_edit (ws, GROUPS_OWNER, "Clear the demo's lists", clear[i], NULL, 0,
                              &error);
        if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
          g_clear_error (&error);
        g_assert_no_error (error);
      }
  }
  allowed = add_list (ws, "Points allowed", 30, TRUE);
  counts_only = add_list (ws, "Counts only", 30, FALSE);
  expired = add_list (ws, "Expired yesterday", -1, TRUE);
  today = add_list (ws, "Expires today", 0, TRUE);
  add_households (ws, allowed, ward1, 7);
  add_households (ws, allowed, ward2, 2);
  add_households (ws, counts_only, ward1, 4);
  add_households (ws, expired, ward1, 11);
  add_households (ws, expired, ward2, 3);
  add_households (ws, today, ward2, 5);
  stead_test_iterate (50);

  /* The oracle: the lists' households, by SQL on the lists' own ids. */
  n_allowed = count (ws, "SELECT count (*) FROM groups_household WHERE list = 1");
  n_counts_only = count (ws, "SELECT count (*) FROM groups_household WHERE list = 2");
  g_assert_cmpint (allowed, ==, 1);
  g_assert_cmpint (counts_only, ==, 2);
  g_assert_cmpint (n_allowed, ==, 9);
  g_assert_cmpint (n_counts_only, ==, 4);
  g_assert_cmpint (expired, ==, 3);
  g_assert_cmpint (today, ==, 4);
  /* The two expired lists are purged within a second of being added (the
   * plugin's retention watch), or are still there: either way never drawn. */
  {
    gint64 n_expired = count (ws, "SELECT count (*) FROM groups_household WHERE list = 3");
    gint64 n_today = count (ws, "SELECT count (*) FROM groups_household WHERE list = 4");

    g_assert_true (n_expired == 14 || n_expired == 0);
    g_assert_true (n_today == 5 || n_today == 0);
  }

  /* District zoom, personal data allowed: counts only, the expired list left out. */
  set_personal (window, TRUE);
  set_zoom (window, 11);
  drawn (window, &points, &counted);
  g_assert_cmpuint (points, ==, 0);
  g_assert_cmpint (counted, ==, n_allowed + n_counts_only);

  /* Just under the privacy zoom (15): still counts. */
  set_zoom (window, 14.9);
  drawn (window, &points, &counted);
  g_assert_cmpuint (points, ==, 0);
  g_assert_cmpint (counted, ==, n_allowed + n_counts_only);

  /* At it: the list that allows points as points, the other still counted. */
  set_zoom (window, 15);
  drawn (window, &points, &counted);
  g_assert_cmpuint (points, ==, n_allowed);
  g_assert_cmpint (counted, ==, n_counts_only);

  /* Personal data not to be shown: back to counts, at any zoom. */
  set_personal (window, FALSE);
  drawn (window, &points, &counted);
  g_assert_cmpuint (points, ==, 0);
  g_assert_cmpint (counted, ==, n_allowed + n_counts_only);
  set_zoom (window, 18);
  drawn (window, &points, &counted);
  g_assert_cmpuint (points, ==, 0);

  /* The workspace's own threshold: 17 puts zoom 16 below it again. */
  set_personal (window, TRUE);
  set_zoom (window, 16);
  drawn (window, &points, &counted);
  g_assert_cmpuint (points, ==, n_allowed);
  stead_workspace_edit (ws, GROUPS_OWNER, "Privacy zoom",
                        "UPDATE groups_setting SET value = 17 WHERE key = 'privacy-zoom'", NULL, 0,
                        &error);
  g_assert_no_error (error);
  stead_test_iterate (50);
  drawn (window, &points, &counted);
  g_assert_cmpuint (points, ==, 0);
  g_assert_cmpint (counted, ==, n_allowed + n_counts_only);
  set_zoom (window, 17);
  drawn (window, &points, &counted);
  g_assert_cmpuint (points, ==, n_allowed);

  /* The list's agreement stops allowing points: counted again. */
  stead_workspace_edit (ws, GROUPS_OWNER, "Points no more",
                        "UPDATE groups_household_list SET points_allowed = 0 WHERE id = ?",
                        STEAD_ARGS (STEAD_INT (allowed)), &error);
  g_assert_no_error (error);
  stead_test_iterate (50);
  drawn (window, &points, &counted);
  g_assert_cmpuint (points, ==, 0);
  g_assert_cmpint (counted, ==, n_allowed + n_counts_only);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The layer list, opened: whether a label in it reads @text. */
static gboolean
legend_says (SteadMapView *map,
             const char   *text)
{
  GtkWidget *button = stead_test_find_by_label (GTK_WIDGET (map), "Base Map and Layers");
  GtkWidget *popover;
  gboolean says;

  g_assert_nonnull (button);
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  stead_test_iterate (200);
  popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));
  g_assert_nonnull (popover);
  says = stead_test_find_by_text (popover, text) != NULL;
  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
  stead_test_iterate (100);
  return says;
}

/* The choropleth's value of every area is the group's count there (SQL),
 * for every group; areas without a count are not shaded. IMD deciles,
 * when there are some, shade instead, the most deprived darkest. */
static void
test_choropleth_counts (void)
{
  SteadWindow *window = open_window ("choropleth.gpkg");
  SteadWorkspace *ws = stead_window_get_workspace (window);
  SteadMapView *map = stead_window_get_map_view (window);
  SteadAreaLayer *shaded = STEAD_AREA_LAYER (layer (window, LAYER_SHADED));
  g_autoptr(sqlite3_stmt) groups = stead_workspace_prepare (
    ws, "SELECT id FROM groups_group ORDER BY id", NULL);
  g_autoptr(sqlite3_stmt) areas = stead_workspace_prepare (
    ws, "SELECT a.fid, c.count FROM area a LEFT JOIN groups_count c "
        "ON c.area = a.fid AND c.group_id = ? ORDER BY a.fid", NULL);
  guint n_groups = 0, n_shaded = 0, n_unshaded = 0;
  gint64 wards[3];

  while (sqlite3_step (groups) == SQLITE_ROW)
    {
      gint64 group = sqlite3_column_int64 (groups, 0);

      gtk_widget_activate_action (GTK_WIDGET (map), "groups-map.shade-by", "x", group);
      n_groups++;
      sqlite3_reset (areas);
      sqlite3_bind_int64 (areas, 1, group);
      while (sqlite3_step (areas) == SQLITE_ROW)
        {
          double value = -1;
          gboolean has = stead_area_layer_get_value (shaded, sqlite3_column_int64 (areas, 0),
                                                     &value);

          if (sqlite3_column_type (areas, 1) == SQLITE_NULL)
            {
              g_assert_false (has);
              n_unshaded++;
              continue;
            }
          g_assert_true (has);
          g_assert_cmpfloat (value, ==, sqlite3_column_double (areas, 1));
          n_shaded++;
        }
    }
  g_assert_cmpuint (n_groups, >=, 10);
  g_assert_cmpuint (n_shaded, >, 100);
  g_assert_cmpuint (n_unshaded, >, 0);

  /* The legend says small counts are shown here but not in exports,
   * with the workspace's threshold. */
  g_assert_true (legend_says (map, "Not shaded: no count for the area. Counts under 5 are shown "
                                   "to you here; exports and reports leave them out."));
  {
    g_autoptr(GError) error = NULL;

    /* An UPDATE: groups_setting_set()'s upsert reports "no longer
     * exists" when the connection has inserted nothing yet. */
    stead_workspace_edit (ws, GROUPS_OWNER, "Threshold",
                          "UPDATE groups_setting SET value = 10 WHERE key = 'suppress-below'",
                          NULL, 0, &error);
    g_assert_no_error (error);
  }
  g_assert_true (legend_says (map, "Not shaded: no count for the area. Counts under 10 are shown "
                                   "to you here; exports and reports leave them out."));

  /* IMD deciles 1, 5 and 10 on three wards (the demo has none). */
  {
    g_autoptr(sqlite3_stmt) stmt = stead_workspace_prepare (
      ws, "SELECT fid FROM area WHERE kind = 'ward' ORDER BY fid LIMIT 3", NULL);
    const int deciles[] = { 1, 5, 10 };

    for (guint i = 0; i < 3; i++)
      {
        g_autoptr(GError) error = NULL;

        g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
        wards[i] = sqlite3_column_int64 (stmt, 0);
        stead_workspace_edit (ws, GROUPS_OWNER, "IMD",
                              "INSERT INTO groups_area_attribute (area, attribute, value, source) "
                              "VALUES (?, 'imd-decile', ?, 'test')",
                              STEAD_ARGS (STEAD_INT (wards[i]), STEAD_INT (deciles[i])), &error);
        g_assert_no_error (error);
      }
  }
  gtk_widget_activate_action (GTK_WIDGET (map), "groups-map.shade-by", "x", (gint64) 0);
  stead_test_iterate (50);
  {
    double rgb[3][3], from, to, value;
    const guint classes[] = { 4, 2, 0 };   /* deciles 1, 5, 10: darkest to lightest */

    for (guint i = 0; i < 3; i++)
      {
        g_assert_true (stead_area_layer_get_value (shaded, wards[i], &value));
        g_assert_true (stead_area_layer_get_class (shaded, classes[i], &from, &to, rgb[i]));
        /* The decile's class holds it: 11 − decile in (from, to]. */
        g_assert_cmpfloat (value, >, classes[i] == 0 ? from - 1 : from);
        g_assert_cmpfloat (value, <=, to);
      }
    /* Darker (less light) for the more deprived. */
    g_assert_cmpfloat (rgb[0][0] + rgb[0][1] + rgb[0][2], <, rgb[1][0] + rgb[1][1] + rgb[1][2]);
    g_assert_cmpfloat (rgb[1][0] + rgb[1][1] + rgb[1][2], <, rgb[2][0] + rgb[2][1] + rgb[2][2]);
    g_assert_false (stead_area_layer_get_value (
      shaded, count (ws, "SELECT max (fid) FROM area WHERE kind = 'ward'"), NULL));
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* What the panel lists for @ward, keyed by group name: its row's cells. */
static GHashTable *
panel_rows (SteadMapView *map,
            gint64        ward,
            GPtrArray    *order)
{
  SteadAreaPanel *panel = (SteadAreaPanel *) stead_map_view_get_area_panel (map);
  GHashTable *rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) g_strfreev);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_true (stead_map_view_select_area (map, ward));
  stead_test_iterate (50);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (panel)));
  text = stead_area_panel_dup_section_text (panel, "Target Groups");
  g_assert_nonnull (text);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL && *lines[i] != '\0'; i++)
    {
      char **cells = g_strsplit (lines[i], "\t", -1);

      g_assert_cmpuint (g_strv_length (cells), ==, 4);
      g_ptr_array_add (order, g_strdup (cells[0]));
      g_hash_table_insert (rows, g_strdup (cells[0]), cells);
    }
  return rows;
}

/* A click on an area lists the groups there: each with its people (its
 * count plus the people of its places inside, as SQL and a second
 * point-in-polygon test find them), who reaches it (partners' tiers, by
 * SQL), and its gap, largest first. */
static void
test_area_lists_groups (void)
{
  SteadWindow *window = open_window ("panel.gpkg");
  SteadWorkspace *ws = stead_window_get_workspace (window);
  SteadMapView *map = stead_window_get_map_view (window);
  const char *wards[] = { "Tewkesbury Prior's Park", "Tewkesbury Newtown", "Winchcombe" };
  guint n_checked = 0;

  for (guint w = 0; w < G_N_ELEMENTS (wards); w++)
    {
      g_autoptr(sqlite3_stmt) find = stead_workspace_prepare (
        ws, "SELECT fid, geom FROM area WHERE kind = 'ward' AND name = ?", NULL);
      g_autoptr(SteadGeometry) polygon = NULL;
      g_autoptr(GPtrArray) order = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GHashTable) rows = NULL;
      g_autoptr(GHashTable) want = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_autoptr(sqlite3_stmt) counts = NULL;
      g_autoptr(sqlite3_stmt) places = NULL;
      gint64 ward;
      double last_gap = G_MAXDOUBLE;

      sqlite3_bind_text (find, 1, wards[w], -1, SQLITE_STATIC);
      if (sqlite3_step (find) != SQLITE_ROW)
        continue;
      ward = sqlite3_column_int64 (find, 0);
      polygon = stead_geometry_new_from_gpkg (sqlite3_column_blob (find, 1),
                                              sqlite3_column_bytes (find, 1), NULL, NULL);

      /* The oracle: counts, then places inside by winding number. */
      counts = stead_workspace_prepare (ws, "SELECT g.name, c.count FROM groups_count c "
                                            "JOIN groups_group g ON g.id = c.group_id "
                                            "WHERE c.area = ?", NULL);
      sqlite3_bind_int64 (counts, 1, ward);
      while (sqlite3_step (counts) == SQLITE_ROW)
        g_hash_table_insert (want, g_strdup ((const char *) sqlite3_column_text (counts, 0)),
                             GSIZE_TO_POINTER (sqlite3_column_int64 (counts, 1)));
      places = stead_workspace_prepare (ws, "SELECT g.name, coalesce (p.people, 1), "
                                            "ST_MinX (p.geom), ST_MinY (p.geom) "
                                            "FROM groups_place p JOIN groups_group g "
                                            "ON g.id = p.group_id", NULL);
      while (sqlite3_step (places) == SQLITE_ROW)
        {
          const char *name = (const char *) sqlite3_column_text (places, 0);

          if (!stead_test_inside_by_winding (polygon, sqlite3_column_double (places, 2),
                                             sqlite3_column_double (places, 3)))
            continue;
          g_hash_table_insert (want, g_strdup (name),
                               GSIZE_TO_POINTER (GPOINTER_TO_SIZE (
                                 g_hash_table_lookup (want, name)) +
                                 sqlite3_column_int64 (places, 1)));
        }
      g_assert_cmpuint (g_hash_table_size (want), >, 0);

      rows = panel_rows (map, ward, order);
      g_assert_cmpuint (g_hash_table_size (rows), ==, g_hash_table_size (want));
      for (guint i = 0; i < order->len; i++)
        {
          const char *group = g_ptr_array_index (order, i);
          char **cells = g_hash_table_lookup (rows, group);
          g_autofree char *size = NULL;
          g_autofree char *reach = NULL;
          g_autoptr(sqlite3_stmt) tiers = stead_workspace_prepare (
            ws, "SELECT count (DISTINCT CASE WHEN o.tier = 'instrumental' THEN o.id END), "
                "count (DISTINCT CASE WHEN o.tier <> 'instrumental' THEN o.id END) "
                "FROM groups_reach r JOIN groups_group g ON g.id = r.group_id "
                "JOIN partners_organisation o ON o.id = r.organisation WHERE g.name = ?1 "
                "AND (NOT EXISTS (SELECT 1 FROM groups_reach_area ra WHERE ra.reach = r.id) "
                "OR EXISTS (SELECT 1 FROM groups_reach_area ra WHERE ra.reach = r.id "
                "AND ra.area = ?2))", NULL);
          gint64 instrumental, fluid;
          double gap;

          g_assert_true (g_hash_table_contains (want, group));
          size = g_strdup_printf ("%" G_GSIZE_FORMAT,
                                  GPOINTER_TO_SIZE (g_hash_table_lookup (want, group)));
          g_assert_cmpstr (cells[1], ==, size);

          sqlite3_bind_text (tiers, 1, group, -1, SQLITE_STATIC);
          sqlite3_bind_int64 (tiers, 2, ward);
          g_assert_cmpint (sqlite3_step (tiers), ==, SQLITE_ROW);
          instrumental = sqlite3_column_int64 (tiers, 0);
          fluid = sqlite3_column_int64 (tiers, 1);
          if (instrumental == 0 && fluid == 0)
            reach = g_strdup ("nobody");
          else if (fluid == 0)
            reach = g_strdup_printf ("%" G_GINT64_FORMAT " instrumental", instrumental);
          else if (instrumental == 0)
            reach = g_strdup_printf ("%" G_GINT64_FORMAT " fluid", fluid);
          else
            reach = g_strdup_printf ("%" G_GINT64_FORMAT " instrumental, %" G_GINT64_FORMAT
                                     " fluid", instrumental, fluid);
          g_assert_cmpstr (cells[2], ==, reach);

          gap = g_ascii_strtod (cells[3], NULL);
          g_assert_cmpfloat (gap, <=, last_gap);
          last_gap = gap;
          n_checked++;
        }
    }
  g_assert_cmpuint (n_checked, >=, 12);

  /* A drawn area is no area row: no groups' rows. */
  stead_map_view_select_box (map, -2.2, 51.95, -2.1, 52.0);
  stead_test_iterate (50);
  g_assert_null (stead_area_panel_dup_section_text (
    (SteadAreaPanel *) stead_map_view_get_area_panel (map), "Target Groups"));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The groups' layers go when the plugin is switched off, and come back. */
static gboolean
layers_gone (gpointer data)
{
  return stead_map_view_get_named_layer (stead_window_get_map_view (data), LAYER_SHADED) == NULL;
}

static gboolean
layers_back (gpointer data)
{
  return !layers_gone (data);
}

static void
test_plugin_off_takes_layers (void)
{
  SteadWindow *window = open_window ("off.gpkg");
  SteadMapView *map = stead_window_get_map_view (window);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_auto(GStrv) before = g_settings_get_strv (settings, "enabled-plugins");
  const char *without[] = { "partners", "risks", NULL };
  const char *titles[] = { LAYER_SHADED, LAYER_GAPS, LAYER_PLACES, LAYER_HOUSEHOLDS };

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    g_assert_nonnull (stead_map_view_get_named_layer (map, titles[i]));
  g_settings_set_strv (settings, "enabled-plugins", without);
  stead_test_iterate_until (layers_gone, window);
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    g_assert_null (stead_map_view_get_named_layer (map, titles[i]));
  g_settings_set_strv (settings, "enabled-plugins", (const char * const *) before);
  stead_test_iterate_until (layers_back, window);
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    g_assert_nonnull (stead_map_view_get_named_layer (map, titles[i]));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  const char *enabled[] = { "partners", "risks", "groups", NULL };

  app = stead_test_app_new (&argc, &argv, enabled, &tmp_dir);

  g_test_add_func ("/ui/groups-map/privacy-threshold", test_privacy_threshold);
  g_test_add_func ("/ui/groups-map/choropleth-counts", test_choropleth_counts);
  g_test_add_func ("/ui/groups-map/area-lists-groups", test_area_lists_groups);
  g_test_add_func ("/ui/groups-map/plugin-off-takes-layers", test_plugin_off_takes_layers);

  return stead_test_app_run (app, tmp_dir);
}
