/* stead-position-row.h: one entry for where something is: postcode, grid reference or lat, lon
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined(STEAD_GTK_INSIDE) && !defined(STEAD_COMPILATION)
# error "Only <stead-gtk.h> can be included directly."
#endif

#include <adwaita.h>
#include <stead.h>

G_BEGIN_DECLS

#define STEAD_TYPE_POSITION_ROW (stead_position_row_get_type ())

STEAD_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (SteadPositionRow, stead_position_row, STEAD, POSITION_ROW, AdwEntryRow)

STEAD_AVAILABLE_IN_1_0
GtkWidget      *stead_position_row_new           (SteadWorkspace   *workspace);
STEAD_AVAILABLE_IN_1_0
void            stead_position_row_set_workspace (SteadPositionRow *self,
                                                  SteadWorkspace   *workspace);
STEAD_AVAILABLE_IN_1_0
void            stead_position_row_set_required  (SteadPositionRow *self,
                                                  gboolean          required);
/* Shows @lon, @lat as "lat, lon". */
STEAD_AVAILABLE_IN_1_0
void            stead_position_row_set_position  (SteadPositionRow *self,
                                                  double            lon,
                                                  double            lat);
/* %TRUE if the text is a position (then @lon and @lat are set). */
STEAD_AVAILABLE_IN_1_0
gboolean        stead_position_row_get_position  (SteadPositionRow *self,
                                                  double           *lon,
                                                  double           *lat);
/* Why the text is not a position, or NULL (a position, or empty and not required). */
STEAD_AVAILABLE_IN_1_0
const char     *stead_position_row_get_problem   (SteadPositionRow *self);
/* What the text resolved to ("Postcode GL20 5RL: 51.99, -2.16"), or NULL. */
STEAD_AVAILABLE_IN_1_0
const char     *stead_position_row_get_resolved  (SteadPositionRow *self);

G_END_DECLS
