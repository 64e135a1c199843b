/* risks-exchange.c: the risk matrix and register as PDF
 *
 * Importers are built on the core import framework: one transaction, a
 * dry run that counts and names what would be added and updated, and
 * nothing kept unless every record can be taken.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "risks"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <string.h>

#include "risks.h"
#include "risks-private.h"

/* ------------------------------------------------------------------------ */
/* PDF                                                                       */

static cairo_status_t
write_to_stream (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  GOutputStream *stream = closure;

  return g_output_stream_write_all (stream, data, length, NULL, NULL, NULL) ? CAIRO_STATUS_SUCCESS
                                                                            : CAIRO_STATUS_WRITE_ERROR;
}

static void
set_hex (cairo_t    *cr,
         const char *hex)
{
  unsigned r = 200, g = 200, b = 200;

  if (hex != NULL && strlen (hex) == 7)
    sscanf (hex + 1, "%02x%02x%02x", &r, &g, &b);
  cairo_set_source_rgb (cr, r / 255.0, g / 255.0, b / 255.0);
}

static void
show_text (cairo_t    *cr,
           const char *text,
           const char *font,
           double      x,
           double      y,
           double      width)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *desc = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, desc);
  pango_layout_set_text (layout, text ? text : "", -1);
  if (width > 0)
    {
      pango_layout_set_width (layout, width * PANGO_SCALE);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  pango_font_description_free (desc);
  g_object_unref (layout);
}

/* A4 in points: the matrix on the first page, the register after it. */
#define PAGE_W 595.0
#define PAGE_H 842.0

static gboolean
export_pdf (SteadWorkspace           *workspace,
            GOutputStream            *stream,
            const SteadExportOptions *options,
            GCancellable             *cancellable,
            GError                  **error)
{
  g_autoptr(sqlite3_stmt) stmt = stead_workspace_prepare (workspace, RISKS_REGISTER_SQL, error);
  g_autoptr(sqlite3_stmt) scales = NULL;
  GPtrArray *cells[5][5] = { { NULL } };
  g_autofree char *heading = NULL;
  const char *likelihood_labels[5] = { "1", "2", "3", "4", "5" };
  const char *impact_labels[5] = { "1", "2", "3", "4", "5" };
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  cairo_surface_t *surface;
  cairo_t *cr;
  double grid_x = 110, grid_y = 120, cell = 80, y;
  cairo_status_t status;

  if (stmt == NULL)
    return FALSE;
  scales = stead_workspace_prepare (workspace,
                                    "SELECT axis, score, label FROM risks_scale WHERE scheme = (SELECT code FROM risks_scheme WHERE active)",
                                    NULL);
  while (scales != NULL && sqlite3_step (scales) == SQLITE_ROW)
    {
      int score = sqlite3_column_int (scales, 1);
      char *label = g_strdup ((const char *) sqlite3_column_text (scales, 2));

      if (score < 1 || score > 5)
        {
          g_free (label);
          continue;
        }
      g_ptr_array_add (labels, label);
      if (g_str_equal ((const char *) sqlite3_column_text (scales, 0), "likelihood"))
        likelihood_labels[score - 1] = label;
      else
        impact_labels[score - 1] = label;
    }

  surface = cairo_pdf_surface_create_for_stream (write_to_stream, stream, PAGE_W, PAGE_H);
  cr = cairo_create (surface);
  heading = g_strdup_printf (_("Community Risk Register: %s"), stead_workspace_get_area_name (workspace));
  cairo_set_source_rgb (cr, 0, 0, 0);
  show_text (cr, heading, "Sans Bold 16", 40, 40, PAGE_W - 80);

  /* The matrix: impact up, likelihood across, cells coloured by band,
   * risks placed by reference. */
  for (int impact = 1; impact <= 5; impact++)
    for (int likelihood = 1; likelihood <= 5; likelihood++)
      {
        g_autoptr(RisksBand) band = risks_band_for (workspace, likelihood, impact);
        double x = grid_x + (likelihood - 1) * cell, cy = grid_y + (5 - impact) * cell;

        set_hex (cr, band ? band->colour : NULL);
        cairo_rectangle (cr, x, cy, cell, cell);
        cairo_fill_preserve (cr);
        cairo_set_source_rgb (cr, 1, 1, 1);
        cairo_set_line_width (cr, 2);
        cairo_stroke (cr);
        cells[impact - 1][likelihood - 1] = g_ptr_array_new_with_free_func (g_free);
      }
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      int l = sqlite3_column_int (stmt, 3), i = sqlite3_column_int (stmt, 4);

      if (l >= 1 && l <= 5 && i >= 1 && i <= 5 && g_strcmp0 ((const char *) sqlite3_column_text (stmt, 15), "archived") != 0)
        g_ptr_array_add (cells[i - 1][l - 1], g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
    }
  sqlite3_reset (stmt);
  cairo_set_source_rgb (cr, 0, 0, 0);
  for (int impact = 1; impact <= 5; impact++)
    for (int likelihood = 1; likelihood <= 5; likelihood++)
      {
        GPtrArray *refs = cells[impact - 1][likelihood - 1];
        g_autofree char *text = NULL;

        g_ptr_array_add (refs, NULL);
        text = g_strjoinv (" ", (char **) refs->pdata);
        show_text (cr, text, "Sans Bold 9", grid_x + (likelihood - 1) * cell + 4, grid_y + (5 - impact) * cell + 4, cell - 8);
      }
  for (int k = 0; k < 5; k++)
    {
      show_text (cr, likelihood_labels[k], "Sans 8", grid_x + k * cell + 4, grid_y + 5 * cell + 6, cell - 8);
      show_text (cr, impact_labels[k], "Sans 8", 40, grid_y + (4 - k) * cell + cell / 2 - 6, grid_x - 44);
    }
  show_text (cr, _("Likelihood →"), "Sans Bold 10", grid_x, grid_y + 5 * cell + 24, 0);
  show_text (cr, _("Impact ↑"), "Sans Bold 10", 40, grid_y - 24, 0);

  /* The register, as many pages as it takes. */
  cairo_show_page (cr);
  y = 40;
  show_text (cr, _("Register"), "Sans Bold 14", 40, y, 0);
  y += 30;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *line = g_strdup_printf ("%s  %s", (const char *) sqlite3_column_text (stmt, 0),
                                               (const char *) sqlite3_column_text (stmt, 1));
      g_autofree char *owner = risks_register_column (workspace, stmt, RISKS_REGISTER_OWNER);
      g_autofree char *detail = g_strdup_printf (_("Likelihood %d · impact %d · %s · owner %s · review %s"),
                                                 sqlite3_column_int (stmt, 3), sqlite3_column_int (stmt, 4),
                                                 sqlite3_column_text (stmt, 16) ? (const char *) sqlite3_column_text (stmt, 16) : "—",
                                                 owner != NULL ? owner : "—",
                                                 sqlite3_column_text (stmt, 18) ? (const char *) sqlite3_column_text (stmt, 18) : "—");

      if (y > PAGE_H - 60)
        {
          cairo_show_page (cr);
          y = 40;
        }
      set_hex (cr, (const char *) sqlite3_column_text (stmt, 20));
      cairo_rectangle (cr, 40, y + 2, 8, 24);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 0, 0, 0);
      show_text (cr, line, "Sans Bold 10", 54, y, PAGE_W - 100);
      show_text (cr, detail, "Sans 8", 54, y + 14, PAGE_W - 100);
      y += 34;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          cairo_destroy (cr);
          cairo_surface_destroy (surface);
          for (int i = 0; i < 5; i++)
            for (int l = 0; l < 5; l++)
              g_ptr_array_unref (cells[i][l]);
          return FALSE;
        }
    }
  cairo_show_page (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  for (int i = 0; i < 5; i++)
    for (int l = 0; l < 5; l++)
      g_ptr_array_unref (cells[i][l]);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write the PDF: %s"), cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

const SteadExportFormat risks_pdf_export = {
  .id = "risks-pdf",
  .title = N_("Risk matrix and register (PDF)"),
  .extensions = STEAD_EXTENSIONS ("pdf"),
  .run = export_pdf,
  .domain = GETTEXT_PACKAGE,
};
