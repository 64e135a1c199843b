/* stead-record-form.h: a dialog asking for a record's fields
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

typedef struct _SteadForm SteadForm;

/* Called with the checked values when the user saves; FALSE with @error
 * says why it could not be saved (the page shows it). */
typedef gboolean (*SteadFormSave) (SteadForm  *form,
                                   gpointer    user_data,
                                   GError    **error);

STEAD_AVAILABLE_IN_1_0
SteadForm      *stead_form_new             (GtkWidget          *parent,
                                            const char         *title,
                                            const char         *body,
                                            const SteadField   *fields,
                                            guint               n_fields,
                                            const char         *names,
                                            SteadRecord        *record,
                                            const char * const *initial,
                                            SteadWorkspace     *workspace,
                                            SteadFormSave       save,
                                            gpointer            user_data,
                                            GDestroyNotify      destroy);
STEAD_AVAILABLE_IN_1_0
void            stead_form_set_choices     (SteadForm          *form,
                                            const char         *field,
                                            GListModel         *terms);
/* A position row (postcode, grid reference, "lat, lon" or Pick on Map)
 * after the fields; @lon_lat: (nullable) the position it starts at. */
STEAD_AVAILABLE_IN_1_0
void            stead_form_add_position    (SteadForm          *form,
                                            gboolean            required,
                                            const double       *lon_lat);
STEAD_AVAILABLE_IN_1_0
gboolean        stead_form_get_position    (SteadForm          *form,
                                            double             *lon,
                                            double             *lat);
/* What the checked values would give, as one line (NULL: nothing to say). */
typedef char *(*SteadFormPreview) (SteadForm *form,
                                   gpointer   user_data);

STEAD_AVAILABLE_IN_1_0
void            stead_form_set_preview     (SteadForm          *form,
                                            SteadFormPreview    func,
                                            gpointer            user_data);
STEAD_AVAILABLE_IN_1_0
void            stead_form_present         (SteadForm          *form);
STEAD_AVAILABLE_IN_1_0
const char     *stead_form_get_text        (SteadForm          *form,
                                            const char         *name);
STEAD_AVAILABLE_IN_1_0
gint64          stead_form_get_int         (SteadForm          *form,
                                            const char         *name,
                                            gint64              unset);
STEAD_AVAILABLE_IN_1_0
gboolean        stead_form_get_double      (SteadForm          *form,
                                            const char         *name,
                                            double             *value);
STEAD_AVAILABLE_IN_1_0
SteadRecord    *stead_form_get_record      (SteadForm          *form);
STEAD_AVAILABLE_IN_1_0
SteadWorkspace *stead_form_get_workspace   (SteadForm          *form);
STEAD_AVAILABLE_IN_1_0
GtkWidget      *stead_form_get_dialog      (SteadForm          *form);

G_END_DECLS
