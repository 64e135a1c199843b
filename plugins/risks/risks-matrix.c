/* risks-matrix.c: the 5x5 risk matrix
 *
 * Impact up, likelihood across; cells coloured by the configured band;
 * risks placed by reference, their ranges drawn as bars. Click a cell to
 * filter the register to it; drag a risk to another cell to re-score it
 * (the page records that as a review, one undo step).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "risks"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "risks.h"
#include "risks-page.h"

typedef struct
{
  gint64  id;
  char   *reference;
  int     likelihood, impact;
  int     l_min, l_max, i_min, i_max;
  int     prev_l, prev_i;
  double  x, y, w, h;   /* where its chip was drawn */
  gboolean hidden;      /* its cell is full: counted in the cell's "+N" */
} Chip;

struct _RisksMatrix
{
  GtkWidget       parent_instance;
  SteadWorkspace *workspace;
  GArray         *chips;             /* Chip */
  GdkRGBA    colours[5][5];          /* [impact-1][likelihood-1] */
  char      *likelihood_labels[5];
  char      *impact_labels[5];
  int        selected_l, selected_i; /* the cell filtering the list, or 0 */
  Chip      *dragging;
  double     drag_x, drag_y;
  guint      more[5][5];             /* chips a full cell does not show */
  double     more_at[5][5][2];       /* where its "+N" goes */
};

enum {
  CELL_ACTIVATED,
  RISK_MOVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (RisksMatrix, risks_matrix, GTK_TYPE_WIDGET)

#define TITLE_W 20.0   /* the impact axis's title, turned */
#define LABEL_W 90.0
#define LABEL_H 42.0   /* the likelihood labels, then the axis's title */

static void
risks_matrix_clear_chips (RisksMatrix *self)
{
  for (guint i = 0; i < self->chips->len; i++)
    g_free (g_array_index (self->chips, Chip, i).reference);
  g_array_set_size (self->chips, 0);
}

static void
risks_matrix_reload (RisksMatrix *self)
{
  SteadWorkspace *workspace = self->workspace;

  self->dragging = NULL;
  risks_matrix_clear_chips (self);
  for (int k = 0; k < 5; k++)
    {
      g_clear_pointer (&self->likelihood_labels[k], g_free);
      g_clear_pointer (&self->impact_labels[k], g_free);
    }
  if (workspace == NULL || stead_workspace_is_closed (workspace))
    {
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }
  for (int i = 1; i <= 5; i++)
    for (int l = 1; l <= 5; l++)
      {
        g_autoptr(RisksBand) band = risks_band_for (workspace, l, i);

        if (band == NULL || !gdk_rgba_parse (&self->colours[i - 1][l - 1], band->colour))
          gdk_rgba_parse (&self->colours[i - 1][l - 1], "#deddda");
      }
  risks_scale_label_array (workspace, self->likelihood_labels, self->impact_labels);

  {
    g_autoptr(GPtrArray) placements = risks_matrix_placements (workspace);

    for (guint n = 0; n < placements->len; n++)
      {
        RisksPlacement *p = g_ptr_array_index (placements, n);
        Chip chip = { p->id,
                      g_strdup (p->reference),
                      p->likelihood,
                      p->impact,
                      p->likelihood_min,
                      p->likelihood_max,
                      p->impact_min,
                      p->impact_max,
                      p->previous_likelihood,
                      p->previous_impact };

        if (p->likelihood >= 1 && p->likelihood <= 5 && p->impact >= 1 && p->impact <= 5)
          g_array_append_val (self->chips, chip);
        else
          g_free (chip.reference);
      }
  }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * risks_matrix_set_workspace:
 * @self: the matrix
 * @workspace: (nullable): whose register it shows, following changes
 */
void
risks_matrix_set_workspace (RisksMatrix    *self,
                            SteadWorkspace *workspace)
{
  g_return_if_fail (RISKS_IS_MATRIX (self));

  stead_workspace_follow (&self->workspace, workspace, self, "risks_",
                          (SteadReloadFunc) risks_matrix_reload);
}

guint
risks_matrix_get_n_risks (RisksMatrix *self)
{
  return self->chips->len;
}

/* The risks in a cell, for tests and accessibility. */
guint
risks_matrix_count_in_cell (RisksMatrix *self,
                            int          likelihood,
                            int          impact)
{
  guint n = 0;

  for (guint i = 0; i < self->chips->len; i++)
    {
      Chip *c = &g_array_index (self->chips, Chip, i);

      n += c->likelihood == likelihood && c->impact == impact;
    }
  return n;
}

static void
risks_matrix_geometry (RisksMatrix *self,
                       double      *x0,
                       double      *y0,
                       double      *cw,
                       double      *ch)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  *x0 = TITLE_W + LABEL_W;
  *y0 = 4;
  *cw = MAX (20, (width - TITLE_W - LABEL_W - 4) / 5.0);
  *ch = MAX (16, (height - LABEL_H - 8) / 5.0);
}

static gboolean
risks_matrix_cell_at (RisksMatrix *self,
                      double       x,
                      double       y,
                      int         *likelihood,
                      int         *impact)
{
  double x0, y0, cw, ch;
  int col, row;

  risks_matrix_geometry (self, &x0, &y0, &cw, &ch);
  col = (int) ((x - x0) / cw);
  row = (int) ((y - y0) / ch);
  if (x < x0 || y < y0 || col < 0 || col > 4 || row < 0 || row > 4)
    return FALSE;
  *likelihood = col + 1;
  *impact = 5 - row;
  return TRUE;
}

/* Where each chip goes: in its cell's order, as wide as its reference,
 * wrapping to the next line; what does not fit is hidden, and the last
 * chip that fits gives its place to the cell's "+N". */
static void
risks_matrix_place_chips (RisksMatrix *self,
                          double       x0,
                          double       y0,
                          double       cw,
                          double       ch)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);

  memset (self->more, 0, sizeof self->more);
  for (int i = 1; i <= 5; i++)
    for (int l = 1; l <= 5; l++)
      {
        double left = x0 + (l - 1) * cw + 4, top = y0 + (5 - i) * ch + 3;
        double px = left, py = top;
        Chip *last = NULL;
        gboolean full = FALSE;

        for (guint n = 0; n < self->chips->len; n++)
          {
            Chip *c = &g_array_index (self->chips, Chip, n);
            int lw;

            if (c->likelihood != l || c->impact != i)
              continue;
            pango_layout_set_text (layout, c->reference, -1);
            pango_layout_get_pixel_size (layout, &lw, NULL);
            c->w = MAX (36, lw + 8);
            c->h = 16;
            c->hidden = full;
            if (!full && px > left && px + c->w > left + cw - 6)
              {
                px = left;
                py += 17;
              }
            if (!full && py + c->h > top + ch - 4 && py > top)
              {
                full = c->hidden = TRUE;
                /* The last one shown makes room for "+N". */
                if (last != NULL)
                  {
                    last->hidden = TRUE;
                    self->more_at[i - 1][l - 1][0] = last->x;
                    self->more_at[i - 1][l - 1][1] = last->y;
                    self->more[i - 1][l - 1]++;
                  }
                else
                  {
                    self->more_at[i - 1][l - 1][0] = left;
                    self->more_at[i - 1][l - 1][1] = top;
                  }
              }
            if (c->hidden)
              {
                self->more[i - 1][l - 1]++;
                c->x = left;
                c->y = top;
                continue;
              }
            c->x = px;
            c->y = py;
            px += c->w + 2;
            last = c;
          }
      }
}

static void
risks_matrix_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  RisksMatrix *self = RISKS_MATRIX (widget);
  double x0, y0, cw, ch;
  GdkRGBA fg;
  cairo_t *cr;

  risks_matrix_geometry (self, &x0, &y0, &cw, &ch);
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  cr =
    gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (widget),
                                                              gtk_widget_get_height (widget)));

  for (int i = 1; i <= 5; i++)
    for (int l = 1; l <= 5; l++)
      {
        double x = x0 + (l - 1) * cw, y = y0 + (5 - i) * ch;

        gdk_cairo_set_source_rgba (cr, &self->colours[i - 1][l - 1]);
        cairo_rectangle (cr, x + 1, y + 1, cw - 2, ch - 2);
        cairo_fill (cr);
        if (self->selected_l == l && self->selected_i == i)
          {
            cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
            cairo_set_line_width (cr, 3);
            cairo_rectangle (cr, x + 2.5, y + 2.5, cw - 5, ch - 5);
            cairo_stroke (cr);
          }
      }

  /* Axis labels. */
  for (int k = 0; k < 5; k++)
    {
      PangoLayout *layout;
      char fallback[4];

      g_snprintf (fallback, sizeof fallback, "%d", k + 1);
      layout = gtk_widget_create_pango_layout (
        widget, self->likelihood_labels[k] ? self->likelihood_labels[k] : fallback);
      pango_layout_set_width (layout, (int) (cw * PANGO_SCALE));
      pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      gdk_cairo_set_source_rgba (cr, &fg);
      cairo_move_to (cr, x0 + k * cw, y0 + 5 * ch + 4);
      pango_cairo_show_layout (cr, layout);
      g_object_unref (layout);

      layout = gtk_widget_create_pango_layout (
        widget, self->impact_labels[k] ? self->impact_labels[k] : fallback);
      pango_layout_set_width (layout, (int) ((LABEL_W - 8) * PANGO_SCALE));
      pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      cairo_move_to (cr, TITLE_W, y0 + (4 - k) * ch + ch / 2 - 8);
      pango_cairo_show_layout (cr, layout);
      g_object_unref (layout);
    }

  /* Axis titles: likelihood across, below its labels; impact up, turned. */
  {
    g_autoptr(PangoLayout) across = gtk_widget_create_pango_layout (widget, _("Likelihood →"));
    g_autoptr(PangoLayout) up = gtk_widget_create_pango_layout (widget, _("Impact →"));
    PangoAttrList *bold = pango_attr_list_new ();
    int tw, th;

    pango_attr_list_insert (bold, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
    pango_layout_set_attributes (across, bold);
    pango_layout_set_attributes (up, bold);
    pango_attr_list_unref (bold);
    pango_layout_set_width (across, (int) (5 * cw * PANGO_SCALE));
    pango_layout_set_alignment (across, PANGO_ALIGN_CENTER);
    gdk_cairo_set_source_rgba (cr, &fg);
    cairo_move_to (cr, x0, y0 + 5 * ch + 22);
    pango_cairo_show_layout (cr, across);

    pango_layout_get_pixel_size (up, &tw, &th);
    cairo_save (cr);
    cairo_translate (cr, 2, y0 + 5 * ch / 2 + tw / 2.0);
    cairo_rotate (cr, -G_PI / 2);
    cairo_move_to (cr, 0, 0);
    pango_cairo_show_layout (cr, up);
    cairo_restore (cr);
  }

  /* Risks by reference, flowing in each cell as wide as each reference;
   * ranges as bars. A cell with more than it holds ends in "+N": a click
   * on the cell lists them. */
  risks_matrix_place_chips (self, x0, y0, cw, ch);
  for (int i = 1; i <= 5; i++)
    for (int l = 1; l <= 5; l++)
      if (self->more[i - 1][l - 1] > 0)
        {
          /* Translators: the risks a full cell of the matrix does not show */
          g_autofree char *more = g_strdup_printf (_("+%u"), self->more[i - 1][l - 1]);
          g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, more);
          double mx = self->more_at[i - 1][l - 1][0], my = self->more_at[i - 1][l - 1][1];
          int lw, lh;

          cairo_set_source_rgba (cr, 0.15, 0.15, 0.15, 0.85);
          cairo_rectangle (cr, mx, my, 36, 16);
          cairo_fill (cr);
          cairo_set_source_rgb (cr, 1, 1, 1);
          pango_layout_get_pixel_size (layout, &lw, &lh);
          cairo_move_to (cr, mx + (36 - lw) / 2, my + (16 - lh) / 2);
          pango_cairo_show_layout (cr, layout);
        }
  for (guint n = 0; n < self->chips->len; n++)
    {
      Chip *c = &g_array_index (self->chips, Chip, n);
      double cx = c->x, cy = c->y;
      PangoLayout *layout;
      int lw, lh;

      if (c->hidden && c != self->dragging)
        continue;
      if (c == self->dragging)
        {
          cx = c->x = self->drag_x - c->w / 2;
          cy = c->y = self->drag_y - 8;
        }
      layout = gtk_widget_create_pango_layout (widget, c->reference);

      /* Movement since the last review: a dashed line from where it was. */
      if (c->prev_l >= 1 && c->prev_i >= 1 &&
          (c->prev_l != c->likelihood || c->prev_i != c->impact))
        {
          static const double dash[] = { 4, 3 };

          cairo_save (cr);
          cairo_set_source_rgba (cr, 0.1, 0.1, 0.1, 0.7);
          cairo_set_line_width (cr, 1.5);
          cairo_set_dash (cr, dash, 2, 0);
          cairo_move_to (cr, x0 + (c->prev_l - 0.5) * cw, y0 + (5.5 - c->prev_i) * ch);
          cairo_line_to (cr, cx + c->w / 2, cy + c->h / 2);
          cairo_stroke (cr);
          cairo_arc (cr, x0 + (c->prev_l - 0.5) * cw, y0 + (5.5 - c->prev_i) * ch, 3, 0, 2 * G_PI);
          cairo_fill (cr);
          cairo_restore (cr);
        }

      cairo_set_source_rgba (cr, 0.15, 0.15, 0.15, 0.55);
      cairo_set_line_width (cr, 3);
      if (c->l_min && c->l_max && c->l_max > c->l_min)
        {
          cairo_move_to (cr, x0 + (c->l_min - 0.5) * cw, cy + 8);
          cairo_line_to (cr, x0 + (c->l_max - 0.5) * cw, cy + 8);
          cairo_stroke (cr);
        }
      if (c->i_min && c->i_max && c->i_max > c->i_min)
        {
          cairo_move_to (cr, cx + c->w / 2, y0 + (5.5 - c->i_min) * ch);
          cairo_line_to (cr, cx + c->w / 2, y0 + (5.5 - c->i_max) * ch);
          cairo_stroke (cr);
        }

      cairo_set_source_rgba (cr, 1, 1, 1, 0.95);
      cairo_rectangle (cr, cx, cy, c->w, c->h);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
      pango_layout_get_pixel_size (layout, &lw, &lh);
      cairo_move_to (cr, cx + (c->w - lw) / 2, cy + (c->h - lh) / 2);
      pango_cairo_show_layout (cr, layout);
      g_object_unref (layout);
    }
  cairo_destroy (cr);
}

static Chip *
risks_matrix_chip_at (RisksMatrix *self,
                      double       x,
                      double       y)
{
  for (guint n = 0; n < self->chips->len; n++)
    {
      Chip *c = &g_array_index (self->chips, Chip, n);

      if (!c->hidden && x >= c->x && x <= c->x + c->w && y >= c->y && y <= c->y + c->h)
        return c;
    }
  return NULL;
}

static void
risks_matrix_on_drag_begin (GtkGestureDrag *gesture,
                            double          x,
                            double          y,
                            RisksMatrix    *self)
{
  self->dragging = risks_matrix_chip_at (self, x, y);
  self->drag_x = x;
  self->drag_y = y;
}

static void
risks_matrix_on_drag_update (GtkGestureDrag *gesture,
                             double          dx,
                             double          dy,
                             RisksMatrix    *self)
{
  double sx, sy;

  if (self->dragging == NULL)
    return;
  gtk_gesture_drag_get_start_point (gesture, &sx, &sy);
  self->drag_x = sx + dx;
  self->drag_y = sy + dy;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
risks_matrix_on_drag_end (GtkGestureDrag *gesture,
                          double          dx,
                          double          dy,
                          RisksMatrix    *self)
{
  double sx, sy;
  int l, i;
  Chip *chip = self->dragging;

  gtk_gesture_drag_get_start_point (gesture, &sx, &sy);
  self->dragging = NULL;
  if (ABS (dx) < 4 && ABS (dy) < 4)
    {
      /* A click: filter by the cell, or clear the filter. */
      if (risks_matrix_cell_at (self, sx, sy, &l, &i))
        risks_matrix_select_cell (self, (self->selected_l == l && self->selected_i == i) ? 0 : l,
                                  (self->selected_l == l && self->selected_i == i) ? 0 : i);
      return;
    }
  if (chip != NULL && risks_matrix_cell_at (self, sx + dx, sy + dy, &l, &i) &&
      (l != chip->likelihood || i != chip->impact))
    g_signal_emit (self, signals[RISK_MOVED], 0, chip->id, l, i);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
risks_matrix_select_cell (RisksMatrix *self,
                          int          likelihood,
                          int          impact)
{
  self->selected_l = likelihood;
  self->selected_i = impact;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[CELL_ACTIVATED], 0, likelihood, impact);
}

static void
risks_matrix_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 340 : 240;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 540 : 350;
}

static void
risks_matrix_dispose (GObject *object)
{
  RisksMatrix *self = RISKS_MATRIX (object);

  if (self->workspace != NULL)
    g_signal_handlers_disconnect_by_data (self->workspace, self);
  g_clear_object (&self->workspace);
  G_OBJECT_CLASS (risks_matrix_parent_class)->dispose (object);
}

static void
risks_matrix_finalize (GObject *object)
{
  RisksMatrix *self = RISKS_MATRIX (object);

  risks_matrix_clear_chips (self);
  g_array_unref (self->chips);
  for (int k = 0; k < 5; k++)
    {
      g_free (self->likelihood_labels[k]);
      g_free (self->impact_labels[k]);
    }
  G_OBJECT_CLASS (risks_matrix_parent_class)->finalize (object);
}

static void
risks_matrix_class_init (RisksMatrixClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = risks_matrix_dispose;
  G_OBJECT_CLASS (klass)->finalize = risks_matrix_finalize;
  widget_class->snapshot = risks_matrix_snapshot;
  widget_class->measure = risks_matrix_measure;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);

  /**
   * RisksMatrix::cell-activated:
   * @likelihood: 1–5, or 0 when the filter is cleared
   * @impact: 1–5, or 0
   */
  signals[CELL_ACTIVATED] =
    g_signal_new ("cell-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_INT);
  /**
   * RisksMatrix::risk-moved:
   * @id: the risk dragged
   * @likelihood: where it was dropped
   * @impact: where it was dropped
   */
  signals[RISK_MOVED] =
    g_signal_new ("risk-moved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_INT64, G_TYPE_INT, G_TYPE_INT);
}

static void
risks_matrix_init (RisksMatrix *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();

  self->chips = g_array_new (FALSE, TRUE, sizeof (Chip));
  g_signal_connect (drag, "drag-begin", G_CALLBACK (risks_matrix_on_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (risks_matrix_on_drag_update), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (risks_matrix_on_drag_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Risk matrix: impact up, likelihood across"), -1);
}

GtkWidget *
risks_matrix_new (void)
{
  return g_object_new (RISKS_TYPE_MATRIX, NULL);
}
