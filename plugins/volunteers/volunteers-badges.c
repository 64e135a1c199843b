/* volunteers-badges.c: a printable sheet of volunteers' ID badges (PDF)
 *
 * A badge for each active volunteer holding one (issued, not returned):
 * their role (their first skill), the organisation that issued it (their
 * partner, or the partnership), the badge number and its expiry (the
 * record's review date, or a year after issue). No photo. The name is
 * personal data: printed only when the export includes personal data;
 * otherwise the badge says the name is to be written in by hand.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "volunteers"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "volunteers.h"
#include "volunteers-private.h"

#define VOLUNTEERS_BADGE_HEIGHT 150.0
#define VOLUNTEERS_BADGES_PER_ROW 2

typedef struct
{
  char *name;
  char *role;
  char *issuer;
  char *number;
  char *expires;
} VolunteersBadge;

static void
volunteers_badges_clear (gpointer data)
{
  VolunteersBadge *badge = data;

  g_free (badge->name);
  g_free (badge->role);
  g_free (badge->issuer);
  g_free (badge->number);
  g_free (badge->expires);
}

#define VOLUNTEERS_BADGES_SELECT                                                  \
  "SELECT v.name, (SELECT t.label FROM volunteers_skill s JOIN taxonomy t "        \
  "  ON t.vocabulary = 'skill' AND t.code = s.skill WHERE s.volunteer = v.fid "    \
  "  ORDER BY t.sort, t.code LIMIT 1), v.organisation, v.badge_number, "           \
  "  coalesce (v.review, date (v.badge_issued, '+1 year')) "                       \
  "FROM volunteers_volunteer v WHERE v.status = 'active' AND v.badge_number IS NOT NULL " \
  "AND v.badge_returned IS NULL ORDER BY v.badge_number, v.fid"

typedef struct
{
  GArray  *badges;
  guint    first;
} VolunteersBadgeRow;

static void
volunteers_badges_draw_row (SteadReport *report,
                            cairo_t     *cr,
                            double       x,
                            double       y,
                            double       width,
                            double       height,
                            gpointer     user_data)
{
  VolunteersBadgeRow *row = user_data;
  double card = (width - 12 * (VOLUNTEERS_BADGES_PER_ROW - 1)) / VOLUNTEERS_BADGES_PER_ROW;

  for (guint i = 0; i < VOLUNTEERS_BADGES_PER_ROW && row->first + i < row->badges->len; i++)
    {
      VolunteersBadge *badge = &g_array_index (row->badges, VolunteersBadge, row->first + i);
      double left = x + i * (card + 12), line = y + 10;
      g_autofree char *number = g_strdup_printf (_("Badge %s"), badge->number);
      g_autofree char *expires = g_strdup_printf (_("Valid until %s"), badge->expires);

      cairo_set_line_width (cr, 1);
      stead_report_set_source_hex (cr, "#1a5fb4");
      cairo_rectangle (cr, left + 0.5, y + 0.5, card - 1, height - 1);
      cairo_stroke (cr);
      cairo_rectangle (cr, left, y, card, 6);
      cairo_fill (cr);
      stead_report_set_source_hex (cr, "#1a1a1a");
      line += stead_report_show_text (cr, _("VOLUNTEER"), STEAD_REPORT_FONT_SMALL_BOLD,
                                      left + 10, line, card - 20, PANGO_ALIGN_LEFT) + 6;
      line += stead_report_show_text (cr, badge->name != NULL ? badge->name
                                                              : _("Name: ____________________"),
                                      STEAD_REPORT_FONT_BOLD, left + 10, line, card - 20,
                                      PANGO_ALIGN_LEFT) + 4;
      line += stead_report_show_text (cr, badge->role != NULL ? badge->role : _("Volunteer"),
                                      STEAD_REPORT_FONT_BODY, left + 10, line, card - 20,
                                      PANGO_ALIGN_LEFT) + 4;
      line += stead_report_show_text (cr, badge->issuer, STEAD_REPORT_FONT_SMALL, left + 10, line,
                                      card - 20, PANGO_ALIGN_LEFT) + 4;
      line += stead_report_show_text (cr, number, STEAD_REPORT_FONT_SMALL_BOLD, left + 10, line,
                                      card - 20, PANGO_ALIGN_LEFT) + 2;
      stead_report_show_text (cr, badge->expires != NULL ? expires : _("No expiry recorded"),
                              STEAD_REPORT_FONT_SMALL, left + 10, line, card - 20,
                              PANGO_ALIGN_LEFT);
    }
}

static gboolean
volunteers_badges_draw_sheet (SteadReport     *report,
                              SteadWorkspace  *workspace,
                              gboolean         names,
                              GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = stead_workspace_prepare (workspace, VOLUNTEERS_BADGES_SELECT,
                                                          error);
  g_autoptr(GArray) badges = g_array_new (FALSE, TRUE, sizeof (VolunteersBadge));
  const char *area = stead_workspace_get_area_name (workspace);
  SteadRows rows;

  if (stmt == NULL)
    return FALSE;
  g_array_set_clear_func (badges, volunteers_badges_clear);
  rows = (SteadRows) STEAD_ROWS_INIT (stmt, "volunteers_volunteer");
  while (stead_rows_next (&rows))
    {
      VolunteersBadge badge = { NULL };
      char *issuer = NULL;

      if (names)
        badge.name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      badge.role = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      if (sqlite3_column_type (stmt, 2) != SQLITE_NULL)
        issuer = stead_workspace_get_record_title (workspace, "organisation",
                                                   sqlite3_column_int64 (stmt, 2));
      badge.issuer = issuer != NULL ? issuer
                                    : g_strdup_printf (_("%s resilience partnership"), area);
      badge.number = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      badge.expires = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      g_array_append_val (badges, badge);
    }
  if (!stead_rows_end (&rows, error))
    return FALSE;
  if (badges->len == 0)
    {
      stead_report_paragraph (report, _("No active volunteer holds an ID badge."));
      return TRUE;
    }
  if (!names)
    stead_report_paragraph (report, _("Names are personal data and were left out: write each "
                                      "name in by hand, checked against the register."));
  for (guint i = 0; i < badges->len; i += VOLUNTEERS_BADGES_PER_ROW)
    {
      VolunteersBadgeRow row = { badges, i };

      stead_report_reserve (report, VOLUNTEERS_BADGE_HEIGHT, volunteers_badges_draw_row, &row);
    }
  return TRUE;
}

static gboolean
volunteers_badges_draw_named (SteadReport     *report,
                              SteadWorkspace  *workspace,
                              GCancellable    *cancellable,
                              GError         **error)
{
  return volunteers_badges_draw_sheet (report, workspace, TRUE, error);
}

static gboolean
volunteers_badges_draw_unnamed (SteadReport     *report,
                                SteadWorkspace  *workspace,
                                GCancellable    *cancellable,
                                GError         **error)
{
  return volunteers_badges_draw_sheet (report, workspace, FALSE, error);
}

static const SteadReportSectionInfo volunteers_badges_named = {
  .title = N_("Volunteer ID badges"),
  .owner = VOLUNTEERS_OWNER,
  .draw = volunteers_badges_draw_named,
  .domain = GETTEXT_PACKAGE,
};

static const SteadReportSectionInfo volunteers_badges_unnamed = {
  .title = N_("Volunteer ID badges"),
  .owner = VOLUNTEERS_OWNER,
  .draw = volunteers_badges_draw_unnamed,
  .domain = GETTEXT_PACKAGE,
};

static gboolean
volunteers_badges_export (SteadWorkspace            *workspace,
                          GOutputStream             *stream,
                          const SteadExportOptions  *options,
                          GCancellable              *cancellable,
                          GError                   **error)
{
  return stead_report_export_section (options->include_personal ? &volunteers_badges_named
                                                                : &volunteers_badges_unnamed,
                                      workspace, options->options, stream, cancellable, error);
}

const SteadExportFormat volunteers_badges_format = {
  .id = "volunteers-badges",
  .title = N_("Volunteer ID badge sheet (PDF)"),
  .extensions = STEAD_EXTENSIONS ("pdf"),
  .options = (const SteadFormatOption[]) { STEAD_REPORT_FORMAT_OPTIONS, { NULL } },
  .run = volunteers_badges_export,
  .domain = GETTEXT_PACKAGE,
};
