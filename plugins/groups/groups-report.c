/* groups-report.c: target groups and their coverage gaps, in the report
 * and in `stead-cli groups-gaps`
 *
 * Small numbers: a size 1..(suppress-below − 1) is written "fewer than
 * 5", and so is its gap left out (size × weight × shortfall would give
 * it back). A group's total is rounded to the nearest 10 when one of its
 * areas is suppressed, so that the total minus the others does not
 * recover it; the report says so.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "groups"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdlib.h>

#include "groups.h"
#include "groups-coverage.h"
#include "groups-private.h"

/* The gap list of the report: the largest, and how many in all. */
#define GROUPS_REPORT_MAX_GAPS 30

static gboolean
groups_report_suppressed (GroupsCoverage           *coverage,
                          const GroupsCoverageCell *cell)
{
  return cell->size > 0 && cell->size < groups_coverage_get_suppress_below (coverage);
}

/* The gap as written: none for a suppressed size. */
static char *
groups_report_format_gap (GroupsCoverage           *coverage,
                          const GroupsCoverageCell *cell)
{
  if (groups_report_suppressed (coverage, cell))
    /* TRANSLATORS: a gap score left out because the size is suppressed */
    return g_strdup (C_("gap", "suppressed"));
  return g_strdup_printf ("%.0f", cell->gap);
}

static char *
groups_report_format_exposure (const GroupsCoverageCell *cell)
{
  GString *text = g_string_new (NULL);

  /* The two worst, then how many more: the column stays readable. */
  for (guint i = 0; i < MIN (cell->n_exposure, 2); i++)
    {
      const GroupsExposure *e = &cell->exposure[i];

      if (text->len > 0)
        g_string_append (text, "; ");
      if (e->band != NULL)
        g_string_append_printf (text, _("%s (%s)"), e->title, e->band);
      else
        g_string_append (text, e->title);
    }
  if (cell->n_exposure > 2)
    {
      g_string_append (text, "; ");
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u more", "%u more",
                                                 cell->n_exposure - 2),
                              cell->n_exposure - 2);
    }
  if (text->len == 0)
    g_string_append (text, _("none known"));
  return g_string_free (text, FALSE);
}

/* "no instrumental partner, 1 fluid", "2 instrumental, 1 fluid". */
static char *
groups_report_format_reach (const GroupsCoverageCell *cell)
{
  g_autofree char *fluid = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u fluid partner",
                                                         "%u fluid partners", cell->fluid),
                                            cell->fluid);

  if (cell->instrumental == 0)
    return cell->fluid == 0 ? g_strdup (_("no partner"))
                            /* TRANSLATORS: %s is "1 fluid partner" */
                            : g_strdup_printf (_("no instrumental partner, %s"), fluid);
  if (cell->fluid == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u instrumental partner",
                                         "%u instrumental partners", cell->instrumental),
                            cell->instrumental);
  /* TRANSLATORS: "2 instrumental, 1 fluid partner" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u instrumental, %s",
                                       "%u instrumental, %s", cell->instrumental),
                          cell->instrumental, fluid);
}

typedef struct
{
  gint64      group;
  const char *name;
  gint64      total;
  guint       areas;
  guint       unreached;  /* areas with no instrumental partner */
  gboolean    rounded;    /* an area of it is suppressed */
} GroupsReportTotal;

static GArray *
groups_report_totals (GroupsCoverage *coverage)
{
  GArray *totals = g_array_new (FALSE, TRUE, sizeof (GroupsReportTotal));
  g_autoptr(GHashTable) index = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  for (guint i = 0; i < groups_coverage_get_n_cells (coverage); i++)
    {
      const GroupsCoverageCell *cell = groups_coverage_get_cell (coverage, i);
      guint at = GPOINTER_TO_UINT (g_hash_table_lookup (index, &cell->group));
      GroupsReportTotal *total;

      if (at == 0)
        {
          GroupsReportTotal fresh = { cell->group, cell->group_name };

          g_array_append_val (totals, fresh);
          at = totals->len;
          g_hash_table_insert (index, g_memdup2 (&cell->group, sizeof cell->group),
                               GUINT_TO_POINTER (at));
        }
      total = &g_array_index (totals, GroupsReportTotal, at - 1);
      total->total += cell->size;
      total->areas++;
      if (cell->instrumental == 0)
        total->unreached++;
      if (groups_report_suppressed (coverage, cell))
        total->rounded = TRUE;
    }
  return totals;
}

static char *
groups_report_format_total (GroupsCoverage          *coverage,
                            const GroupsReportTotal *total)
{
  g_autofree char *number = NULL;

  if (!total->rounded)
    return groups_coverage_format_size (coverage, total->total);
  number = groups_coverage_format_size (coverage, MAX (10, (total->total + 5) / 10 * 10));
  /* TRANSLATORS: a total rounded to the nearest 10 */
  return g_strdup_printf (_("about %s"), number);
}

static gboolean
groups_report_draw (SteadReport   *report,
                    SteadWorkspace *workspace,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(GroupsCoverage) coverage = NULL;
  g_autoptr(GArray) totals = NULL;
  gboolean any_rounded = FALSE;
  guint n, shown;
  g_autofree char *summary = NULL;
  const SteadReportColumn group_columns[] = {
    { _("Target group"), 3 }, { _("People"), 1 }, { _("Areas"), 1 },
    { _("Areas without an instrumental partner"), 2 },
  };
  const SteadReportColumn gap_columns[] = {
    { _("Rank"), 0.5 }, { _("Target group"), 2 }, { _("Area"), 2 }, { _("People"), 1 },
    { _("Exposed to"), 4 }, { _("Reached by"), 2 }, { _("Gap"), 0.5 },
  };

  coverage = groups_coverage_compute (workspace, error);
  if (coverage == NULL)
    return FALSE;
  n = groups_coverage_get_n_cells (coverage);
  if (n == 0)
    {
      stead_report_paragraph (report, _("No target group has a count or a place in an area yet."));
      return TRUE;
    }

  totals = groups_report_totals (coverage);
  stead_report_heading (report, 1, _("Target groups"));
  stead_report_table_begin (report, group_columns, G_N_ELEMENTS (group_columns));
  for (guint i = 0; i < totals->len; i++)
    {
      GroupsReportTotal *total = &g_array_index (totals, GroupsReportTotal, i);
      g_autofree char *people = groups_report_format_total (coverage, total);
      g_autofree char *areas = g_strdup_printf ("%u", total->areas);
      g_autofree char *unreached = g_strdup_printf ("%u", total->unreached);
      const char *cells[] = { total->name, people, areas, unreached };

      any_rounded |= total->rounded;
      stead_report_table_row_flagged (report, cells, total->unreached > 0 ? 1u << 3 : 0);
    }
  stead_report_table_end (report);

  stead_report_heading (report, 1, _("Coverage gaps"));
  summary = g_strdup_printf (
    _("Gap = people × exposure weight (the worst risk's likelihood × impact out of 25, or "
      "0.1 with no known exposure) × reach shortfall (1 ÷ (1 + instrumental partners + half "
      "the fluid ones)). %u areas of target groups have no instrumental partner and a known "
      "exposure."),
    groups_coverage_count_unreached (coverage));
  stead_report_paragraph (report, summary);
  stead_report_table_begin (report, gap_columns, G_N_ELEMENTS (gap_columns));
  shown = MIN (n, GROUPS_REPORT_MAX_GAPS);
  for (guint i = 0; i < shown; i++)
    {
      const GroupsCoverageCell *cell = groups_coverage_get_cell (coverage, i);
      g_autofree char *rank = g_strdup_printf ("%u", cell->rank);
      g_autofree char *people = groups_coverage_format_size (coverage, cell->size);
      g_autofree char *exposure = groups_report_format_exposure (cell);
      g_autofree char *reach = groups_report_format_reach (cell);
      g_autofree char *gap = groups_report_format_gap (coverage, cell);
      const char *cells[] = { rank, cell->group_name, cell->area_name, people, exposure, reach,
                              gap };

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      stead_report_table_row_flagged (report, cells, cell->instrumental == 0 ? 1u << 5 : 0);
    }
  stead_report_table_end (report);
  if (n > shown)
    {
      g_autofree char *more = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE, "%u more area of a target group, with smaller gaps.",
                     "%u more areas of target groups, with smaller gaps.", n - shown),
        n - shown);

      stead_report_paragraph (report, more);
    }
  {
    g_autofree char *note = g_strdup_printf (
      _("Counts below %" G_GINT64_FORMAT " are shown as “fewer than %" G_GINT64_FORMAT "”, "
        "without their gap."),
      groups_coverage_get_suppress_below (coverage), groups_coverage_get_suppress_below (coverage));

    if (any_rounded)
      {
        g_autofree char *both = g_strconcat (note, " ",
                                             _("The totals of groups with such an area are "
                                               "rounded to the nearest 10, so that they do "
                                               "not give it away."),
                                             NULL);
        stead_report_paragraph (report, both);
      }
    else
      stead_report_paragraph (report, note);
  }
  return TRUE;
}

const SteadReportSectionInfo groups_report_section = {
  .title = N_("Target groups and coverage gaps"),
  .owner = GROUPS_OWNER,
  .draw = groups_report_draw,
  .domain = GETTEXT_PACKAGE,
};

/* ------------------------------------------------------------------------ */
/* stead-cli groups-gaps WS [--json] [--limit N]                             */

static void
groups_report_gaps_json (GroupsCoverage *coverage,
                        guint           limit)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  guint n = MIN (groups_coverage_get_n_cells (coverage), limit);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "suppress_below");
  json_builder_add_int_value (builder, groups_coverage_get_suppress_below (coverage));
  json_builder_set_member_name (builder, "gaps");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      const GroupsCoverageCell *cell = groups_coverage_get_cell (coverage, i);
      gboolean suppressed = groups_report_suppressed (coverage, cell);
      g_autofree char *size_text = groups_coverage_format_size (coverage, cell->size);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "rank");
      json_builder_add_int_value (builder, cell->rank);
      json_builder_set_member_name (builder, "group_id");
      json_builder_add_int_value (builder, cell->group);
      json_builder_set_member_name (builder, "group");
      json_builder_add_string_value (builder, cell->group_name);
      json_builder_set_member_name (builder, "area_id");
      json_builder_add_int_value (builder, cell->area);
      json_builder_set_member_name (builder, "area");
      json_builder_add_string_value (builder, cell->area_name);
      json_builder_set_member_name (builder, "area_code");
      if (cell->area_code != NULL)
        json_builder_add_string_value (builder, cell->area_code);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "area_kind");
      json_builder_add_string_value (builder, cell->area_kind != NULL ? cell->area_kind : "");
      /* A suppressed size, and the gap that would give it back, are null. */
      json_builder_set_member_name (builder, "size");
      if (suppressed)
        json_builder_add_null_value (builder);
      else
        json_builder_add_int_value (builder, cell->size);
      json_builder_set_member_name (builder, "size_text");
      json_builder_add_string_value (builder, size_text);
      json_builder_set_member_name (builder, "suppressed");
      json_builder_add_boolean_value (builder, suppressed);
      json_builder_set_member_name (builder, "gap");
      if (suppressed)
        json_builder_add_null_value (builder);
      else
        json_builder_add_double_value (builder, round (cell->gap * 10) / 10);
      json_builder_set_member_name (builder, "instrumental");
      json_builder_add_int_value (builder, cell->instrumental);
      json_builder_set_member_name (builder, "fluid");
      json_builder_add_int_value (builder, cell->fluid);
      json_builder_set_member_name (builder, "volunteers");
      json_builder_add_int_value (builder, cell->volunteers);
      json_builder_set_member_name (builder, "exposure");
      json_builder_begin_array (builder);
      for (guint e = 0; e < cell->n_exposure; e++)
        {
          const GroupsExposure *x = &cell->exposure[e];

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "risk_id");
          json_builder_add_int_value (builder, x->risk);
          json_builder_set_member_name (builder, "risk");
          json_builder_add_string_value (builder, x->title);
          json_builder_set_member_name (builder, "band");
          if (x->band != NULL)
            json_builder_add_string_value (builder, x->band);
          else
            json_builder_add_null_value (builder);
          json_builder_set_member_name (builder, "score");
          json_builder_add_int_value (builder, x->score);
          json_builder_set_member_name (builder, "derived");
          json_builder_add_boolean_value (builder, x->derived);
          json_builder_set_member_name (builder, "judged");
          json_builder_add_boolean_value (builder, x->judged);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "reasons");
      json_builder_add_string_value (builder, cell->reasons);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

static void
groups_report_gaps_text (GroupsCoverage *coverage,
                        SteadWorkspace *workspace,
                        guint           limit)
{
  guint n = groups_coverage_get_n_cells (coverage);

  /* TRANSLATORS: a heading: "Coverage gaps in Tewkesbury: 96 areas of target groups, …" */
  g_print (_("Coverage gaps in %s: %u areas of target groups, %u exposed with no instrumental "
             "partner\n"),
           stead_workspace_get_area_name (workspace), n,
           groups_coverage_count_unreached (coverage));
  for (guint i = 0; i < MIN (n, limit); i++)
    {
      const GroupsCoverageCell *cell = groups_coverage_get_cell (coverage, i);
      g_autofree char *gap = groups_report_format_gap (coverage, cell);

      g_print ("%4u  %10s  %s\n", cell->rank, gap, cell->reasons);
    }
}

static int
groups_report_gaps_run (SteadPluginEngine *engine,
                 int                argc,
                 char             **argv)
{
  gboolean json = FALSE;
  int limit = -1;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("At most N gaps (default all)"), "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("groups-gaps WS.gpkg");
  g_autoptr(SteadWorkspace) workspace = NULL;
  g_autoptr(GroupsCoverage) coverage = NULL;
  g_autoptr(GError) error = NULL;

  g_option_context_set_summary (context, _("Every target group in every area, ranked by its "
                                           "coverage gap, small numbers suppressed."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2 || limit < -1)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

      g_printerr ("stead-cli: %s\n%s", error != NULL ? error->message
                                      : argc < 2 ? _("Missing argument")
                                      : argc > 2 ? _("Too many arguments")
                                                 : _("--limit must be 0 or more"), help);
      return STEAD_EXIT_USAGE;
    }

  workspace = stead_workspace_open_full (argv[1], engine, STEAD_WORKSPACE_OPEN_READ_ONLY, &error);
  if (workspace != NULL)
    coverage = groups_coverage_compute (workspace, &error);
  if (coverage == NULL)
    {
      g_autofree char *message = g_strdelimit (g_strdup (error->message), "\n", ' ');

      g_printerr ("stead-cli: %s: %s\n", argv[1], message);
      return STEAD_EXIT_BAD_INPUT;
    }
  if (json)
    groups_report_gaps_json (coverage, limit < 0 ? G_MAXUINT : (guint) limit);
  else
    groups_report_gaps_text (coverage, workspace, limit < 0 ? G_MAXUINT : (guint) limit);
  return EXIT_SUCCESS;
}

const SteadCommand groups_gaps_command = {
  .name = "groups-gaps",
  .args = "WS.gpkg [--json] [--limit N]",
  .summary = N_("Target groups’ coverage gaps, ranked"),
  .run = groups_report_gaps_run,
};
