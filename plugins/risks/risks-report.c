/* risks-report.c: the register's section of a report: the matrix by band, then the register
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "risks"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "risks.h"
#include "risks-private.h"

/* Impact up, likelihood across; row and column 0 are score 1. */
typedef struct
{
  RisksBand *bands[5][5];
  GString   *references[5][5];
  char      *likelihood_labels[5];
  char      *impact_labels[5];
  gboolean   listed[5][5];   /* too many to fit: counted in the cell, listed below */
} RisksReportMatrix;

#define RISKS_REPORT_LABEL_WIDTH 96.0
#define RISKS_REPORT_MATRIX_HEIGHT 400.0

static void
risks_report_matrix_load (RisksReportMatrix *matrix,
                          SteadWorkspace    *workspace)
{
  g_autoptr(GPtrArray) placements = risks_matrix_placements (workspace);

  for (int impact = 1; impact <= 5; impact++)
    for (int likelihood = 1; likelihood <= 5; likelihood++)
      {
        matrix->bands[impact - 1][likelihood - 1] = risks_band_for (workspace, likelihood, impact);
        matrix->references[impact - 1][likelihood - 1] = g_string_new (NULL);
      }
  for (guint i = 0; i < placements->len; i++)
    {
      RisksPlacement *placement = g_ptr_array_index (placements, i);
      GString *cell;

      if (placement->likelihood < 1 || placement->likelihood > 5 ||
          placement->impact < 1 || placement->impact > 5)
        continue;
      cell = matrix->references[placement->impact - 1][placement->likelihood - 1];
      g_string_append_printf (cell, "%s%s", cell->len > 0 ? " " : "", placement->reference);
    }
  risks_scale_label_array (workspace, matrix->likelihood_labels, matrix->impact_labels);
}

static void
risks_report_matrix_clear (RisksReportMatrix *matrix)
{
  for (int i = 0; i < 5; i++)
    {
      for (int l = 0; l < 5; l++)
        {
          g_clear_pointer (&matrix->bands[i][l], risks_band_free);
          if (matrix->references[i][l] != NULL)
            g_string_free (matrix->references[i][l], TRUE);
        }
      g_free (matrix->likelihood_labels[i]);
      g_free (matrix->impact_labels[i]);
    }
}

/* A score's label, or the score itself when the scheme has none. */
static const char *
risks_report_label (char       **labels,
                    int          k,
                    char         number[2])
{
  if (labels[k] != NULL)
    return labels[k];
  number[0] = '1' + k;
  number[1] = '\0';
  return number;
}

/* The references of a cell, in the largest size from 8 to 5 points at
 * which they all fit, never broken inside one; when even 5 points is too
 * large, the cell says how many there are and the list follows the matrix. */
static void
risks_report_cell_text (cairo_t           *cr,
                        RisksReportMatrix *matrix,
                        int                likelihood,
                        int                impact,
                        double             x,
                        double             y,
                        double             size)
{
  const char *text = matrix->references[impact - 1][likelihood - 1]->str;
  g_auto(GStrv) references = g_strsplit (text, " ", -1);
  g_autoptr(PangoLayout) layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoLayout) word = pango_cairo_create_layout (cr);
  g_autofree char *count = NULL;
  guint n = *text != '\0' ? g_strv_length (references) : 0;

  if (n == 0)
    return;
  pango_layout_set_width (layout, (int) (size * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
  pango_layout_set_text (layout, text, -1);
  for (int points = 8; points >= 5; points--)
    {
      g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans Bold");
      int widest = 0, height;

      pango_font_description_set_size (font, points * PANGO_SCALE);
      pango_layout_set_font_description (layout, font);
      pango_layout_set_font_description (word, font);
      for (guint i = 0; i < n; i++)
        {
          int width;

          pango_layout_set_text (word, references[i], -1);
          pango_layout_get_size (word, &width, NULL);
          widest = MAX (widest, width);
        }
      pango_layout_get_size (layout, NULL, &height);
      if (widest <= size * PANGO_SCALE && height <= size * PANGO_SCALE)
        {
          cairo_move_to (cr, x, y);
          pango_cairo_show_layout (cr, layout);
          return;
        }
    }
  matrix->listed[impact - 1][likelihood - 1] = TRUE;
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u risk, listed below",
                                        "%u risks, listed below", n), n);
  stead_report_show_text (cr, count, STEAD_REPORT_FONT_SMALL_BOLD, x, y, size, PANGO_ALIGN_LEFT);
}

static void
risks_report_draw_matrix (SteadReport *report,
                          cairo_t     *cr,
                          double       x,
                          double       y,
                          double       width,
                          double       height,
                          gpointer     user_data)
{
  RisksReportMatrix *matrix = user_data;
  double cell = MIN ((width - RISKS_REPORT_LABEL_WIDTH) / 5, (height - 64) / 5);
  double grid_x = x + RISKS_REPORT_LABEL_WIDTH, grid_y = y + 18;
  char number[2];

  stead_report_show_text (cr, _("Impact ↑"), STEAD_REPORT_FONT_SMALL_BOLD, x, y,
                          RISKS_REPORT_LABEL_WIDTH, PANGO_ALIGN_LEFT);
  for (int impact = 1; impact <= 5; impact++)
    for (int likelihood = 1; likelihood <= 5; likelihood++)
      {
        RisksBand *band = matrix->bands[impact - 1][likelihood - 1];
        double cx = grid_x + (likelihood - 1) * cell, cy = grid_y + (5 - impact) * cell;

        stead_report_set_source_hex (cr, band != NULL ? band->colour : NULL);
        cairo_rectangle (cr, cx, cy, cell, cell);
        cairo_fill_preserve (cr);
        cairo_set_source_rgb (cr, 1, 1, 1);
        cairo_set_line_width (cr, 2);
        cairo_stroke (cr);
        cairo_set_source_rgb (cr, 0, 0, 0);
        risks_report_cell_text (cr, matrix, likelihood, impact, cx + 4, cy + 4, cell - 8);
      }
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  for (int k = 0; k < 5; k++)
    {
      stead_report_show_text (cr, risks_report_label (matrix->likelihood_labels, k, number),
                              STEAD_REPORT_FONT_SMALL, grid_x + k * cell + 2, grid_y + 5 * cell + 4,
                              cell - 4, PANGO_ALIGN_CENTER);
      stead_report_show_text (cr, risks_report_label (matrix->impact_labels, k, number),
                              STEAD_REPORT_FONT_SMALL, x, grid_y + (4 - k) * cell + cell / 2 - 6,
                              RISKS_REPORT_LABEL_WIDTH - 8, PANGO_ALIGN_RIGHT);
    }
  stead_report_show_text (cr, _("Likelihood →"), STEAD_REPORT_FONT_SMALL_BOLD, grid_x,
                          grid_y + 5 * cell + 30, 5 * cell, PANGO_ALIGN_CENTER);
}

/* The bands' legend: each colour, how many risks it holds and how often
 * they are reviewed, the most severe first. */
static gboolean
risks_report_bands (SteadReport     *report,
                    SteadWorkspace  *workspace,
                    GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  SteadRows rows;

  stmt = stead_workspace_prepare (workspace,
                                  "SELECT b.label, count (r.id), b.review_months, b.colour "
                                  "FROM risks_band b "
                                  "LEFT JOIN risks_band_matrix m ON m.band = b.code "
                                  "LEFT JOIN risks_risk r ON r.likelihood = m.likelihood "
                                  "  AND r.impact = m.impact AND r.status != 'archived' "
                                  "GROUP BY b.code ORDER BY b.sort DESC", error);
  if (stmt == NULL)
    return FALSE;
  rows = (SteadRows) STEAD_ROWS_INIT (stmt, "risks_band");
  while (stead_rows_next (&rows))
    {
      int n = sqlite3_column_int (stmt, 1), months = sqlite3_column_int (stmt, 2);
      g_autofree char *risks = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d risk", "%d risks",
                                                             n), n);
      g_autofree char *review = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                              "reviewed every month",
                                                              "reviewed every %d months",
                                                              months), months);
      g_autofree char *value = g_strdup_printf (_("%s, %s"), risks, review);

      stead_report_legend_row (report, (const char *) sqlite3_column_text (stmt, 3),
                               (const char *) sqlite3_column_text (stmt, 0), value);
    }
  return stead_rows_end (&rows, error);
}

static gboolean
risks_report_register (SteadReport     *report,
                       SteadWorkspace  *workspace,
                       GCancellable    *cancellable,
                       GError         **error)
{
  const SteadReportColumn columns[] = {
    { _("Ref."), 1.1 }, { _("Risk"), 3.6 }, { _("L"), 0.5 }, { _("I"), 0.5 },
    { _("Band"), 1.3 }, { _("Owner"), 2.6 }, { _("Review"), 1.9 },
  };
  g_autoptr(sqlite3_stmt) stmt = NULL;
  SteadRows rows;
  char today[16];
  GDate date;

  risks_today (&date);
  g_date_strftime (today, sizeof today, "%Y-%m-%d", &date);

  stmt = stead_workspace_prepare (workspace,
                                  "SELECT r.reference, r.title, r.likelihood, r.impact, b.label, "
                                  "  r.owner, r.review, r.status FROM risks_risk r "
                                  "LEFT JOIN risks_band_matrix m ON m.likelihood = r.likelihood "
                                  "  AND m.impact = r.impact "
                                  "LEFT JOIN risks_band b ON b.code = m.band "
                                  "ORDER BY r.reference", error);
  if (stmt == NULL)
    return FALSE;
  stead_report_heading (report, 1, _("Register"));
  stead_report_table_begin (report, columns, G_N_ELEMENTS (columns));
  rows = (SteadRows) STEAD_ROWS_INIT (stmt, "risks_risk");
  while (stead_rows_next (&rows))
    {
      g_autofree char *owner = NULL;
      g_autofree char *overdue = NULL;
      const char *cells[G_N_ELEMENTS (columns)];
      const char *status = (const char *) sqlite3_column_text (stmt, 7);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      /* The owner is a partner: named by the partners' record provider. */
      if (sqlite3_column_type (stmt, 5) != SQLITE_NULL)
        owner = stead_workspace_get_record_title (workspace, "organisation",
                                                  sqlite3_column_int64 (stmt, 5));
      for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
        cells[i] = (const char *) sqlite3_column_text (stmt, i);
      cells[5] = owner != NULL ? owner : "—";
      if (cells[6] == NULL)
        cells[6] = "—";
      else if (strcmp (cells[6], today) < 0 && g_strcmp0 (status, "archived") != 0)
        {
          /* Translators: a review date that has passed, in the register */
          cells[6] = overdue = g_strdup_printf (_("%s overdue"), cells[6]);
        }
      stead_report_table_row_flagged (report, cells, overdue != NULL ? 1u << 6 : 0);
    }
  stead_report_table_end (report);
  return stead_rows_end (&rows, error);
}

static gboolean
risks_report_draw (SteadReport         *report,
                   SteadWorkspace      *workspace,
                   GCancellable        *cancellable,
                   GError             **error)
{
  RisksReportMatrix matrix = { { { NULL } } };
  g_autofree char *scheme = NULL;
  g_autofree char *intro = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int n = 0, n_overdue = 0;
  SteadRows rows;
  char today[16];
  GDate date;

  stmt = stead_workspace_prepare (workspace,
                                  "SELECT (SELECT count (*) FROM risks_risk "
                                  "  WHERE status != 'archived'), "
                                  "  (SELECT name FROM risks_scheme WHERE active), "
                                  "  (SELECT count (*) FROM risks_risk WHERE status != 'archived' "
                                  "   AND review < ?1)", error);
  if (stmt == NULL)
    return FALSE;
  risks_today (&date);
  g_date_strftime (today, sizeof today, "%Y-%m-%d", &date);
  sqlite3_bind_text (stmt, 1, today, -1, SQLITE_TRANSIENT);
  rows = (SteadRows) STEAD_ROWS_INIT (stmt, "risks_risk");
  if (stead_rows_next (&rows))
    {
      n = sqlite3_column_int (stmt, 0);
      scheme = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      n_overdue = sqlite3_column_int (stmt, 2);
    }
  else if (!stead_rows_end (&rows, error))
    return FALSE;
  intro = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "The register holds %d current risk, scored on the %s "
                                        "scales. The matrix places it by likelihood and impact; "
                                        "the colours are the bands that set how often it is "
                                        "reviewed.",
                                        "The register holds %d current risks, scored on the %s "
                                        "scales. The matrix places each by likelihood and impact; "
                                        "the colours are the bands that set how often they are "
                                        "reviewed.", n),
                           n, scheme != NULL ? scheme : _("local"));
  stead_report_paragraph (report, intro);
  if (n_overdue > 0)
    {
      g_autofree char *overdue = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE,
                     "%d review is overdue: its date is marked “overdue” in red in the register.",
                     "%d reviews are overdue: their dates are marked “overdue” in red in the "
                     "register.", n_overdue), n_overdue);

      stead_report_paragraph (report, overdue);
    }
  stead_report_heading (report, 1, _("Risk matrix"));
  if (!risks_report_bands (report, workspace, error))
    return FALSE;
  risks_report_matrix_load (&matrix, workspace);
  stead_report_figure (report,
                       _("The risk matrix: each current risk’s reference in the cell of its "
                         "likelihood (across) and impact (up), shaded in its band’s colour."),
                       0, RISKS_REPORT_MATRIX_HEIGHT, risks_report_draw_matrix, &matrix);
  for (int impact = 5; impact >= 1; impact--)
    for (int likelihood = 1; likelihood <= 5; likelihood++)
      if (matrix.listed[impact - 1][likelihood - 1])
        {
          g_autofree char *cell = g_strdup_printf (_("Likelihood %d, impact %d"), likelihood,
                                                   impact);

          stead_report_key_value (report, cell,
                                  matrix.references[impact - 1][likelihood - 1]->str);
        }
  risks_report_matrix_clear (&matrix);

  return risks_report_register (report, workspace, cancellable, error);
}

const SteadReportSectionInfo risks_report_section = {
  .title = N_("Community risk register"),
  .owner = RISKS_OWNER,
  .draw = risks_report_draw,
  .domain = GETTEXT_PACKAGE,
};
