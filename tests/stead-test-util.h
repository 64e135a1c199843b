/* stead-test-util.h: what the tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stead.h>

#ifdef STEAD_TEST_WITH_GTK
# include <stead-gtk.h>
#endif

G_BEGIN_DECLS

void       stead_test_rm_rf            (const char      *path);

/* A new workspace in a temporary folder with @enabled plugins loaded,
 * and the demo (scale 50, seed 5) when @demo: the fixture of the
 * plugins' headless tests. */
typedef struct
{
  char              *dir;
  GSettings         *settings;
  SteadPluginEngine *engine;
  SteadWorkspace    *ws;
} SteadTestPlugins;

void       stead_test_plugins_setup    (SteadTestPlugins   *f,
                                        const char * const *enabled,
                                        gboolean            demo);
void       stead_test_plugins_teardown (SteadTestPlugins   *f);
GHashTable *stead_test_taxonomy_units  (void);
gboolean   stead_test_inside_by_winding (SteadGeometry  *area,
                                        double           x,
                                        double           y);
gint64     stead_test_count            (SteadWorkspace  *workspace,
                                        const char      *sql);
char      *stead_test_text             (SteadWorkspace  *workspace,
                                        const char      *sql);
GFile     *stead_test_write_file       (const char      *dir,
                                        const char      *name,
                                        const char      *contents);
gboolean   stead_test_have_poppler     (void);
char      *stead_test_pdf_text         (const char      *pdf,
                                        guint            page);
guint      stead_test_pdf_pages        (const char      *pdf);
guint      stead_test_assert_all_in    (SteadWorkspace  *workspace,
                                        const char      *sql,
                                        const char      *text);
void       stead_test_json_leaves      (JsonNode        *node,
                                        GHashTable      *leaves);
guint      stead_test_corrupt_table    (const char      *path,
                                        const char      *table);
char      *stead_test_damaged_copy     (const char      *source,
                                        const char      *table,
                                        guint           *rows_before);
void       stead_test_assert_damaged   (SteadWorkspace  *workspace,
                                        SteadExporter   *exporter,
                                        const char      *table,
                                        guint            row);
char      *stead_test_list_dir         (const char      *dir);
guint      stead_test_file_mode        (const char      *path);
/* stead-cli ($STEAD_CLI) with the arguments up to NULL: its exit status,
 * and what it printed (free with stead_test_cli_clear). */
typedef struct
{
  int   status;
  char *out;
  char *err;
} SteadTestCli;
SteadTestCli stead_test_run_cli        (const char      *first,
                                        ...) G_GNUC_NULL_TERMINATED;
void       stead_test_cli_clear        (SteadTestCli    *result);
double     stead_test_metres_between   (double           lon1,
                                        double           lat1,
                                        double           lon2,
                                        double           lat2);

#ifdef STEAD_TEST_WITH_GTK
/* For stead_test_iterate_until (stead_test_has_focus_in, &focus). */
typedef struct
{
  GtkWidget *root;
  GtkWidget *widget;
} SteadTestFocus;

gboolean   stead_test_has_focus_in     (gpointer         focus);
gboolean   stead_test_can_type         (void);
void       stead_test_xdotool          (const char      *window_title,
                                        const char      *commands);
void       stead_test_iterate_until    (gboolean       (*condition) (gpointer),
                                        gpointer         data);
void       stead_test_iterate          (guint            ms);
void       stead_test_iterate_until_count (GListModel   *model,
                                           guint         want);
GtkColumnViewColumn *stead_test_column_titled (GtkColumnView *view,
                                               const char    *title);
GtkWidget *stead_test_find_by_name     (GtkWidget       *root,
                                        const char      *name);
GtkWidget *stead_test_find_by_label    (GtkWidget       *root,
                                        const char      *label);
GtkWidget *stead_test_find_by_text     (GtkWidget       *root,
                                        const char      *text);
GdkTexture *stead_test_render          (GtkWidget       *widget);
gboolean   stead_test_have_xdotool     (void);
void       stead_test_pointer          (GtkWidget       *widget,
                                        double           x,
                                        double           y,
                                        const char      *then);
void       stead_test_click            (GtkWidget       *widget);
void       stead_test_keys             (const char      *keys);
gboolean   stead_test_is_mapped        (gpointer         widget);
gboolean   stead_test_is_unmapped      (gpointer         widget);
gboolean   stead_test_model_has_count  (GListModel      *model,
                                        guint            want);
SteadApplication *stead_test_app_new   (int             *argc,
                                        char          ***argv,
                                        const char * const *plugins,
                                        char           **tmp_dir);
int        stead_test_app_run          (SteadApplication *app,
                                        char            *tmp_dir);
SteadWindow *stead_test_open_window    (SteadApplication *app,
                                        const char      *path,
                                        const char      *area_name,
                                        guint            demo_scale);
#endif

G_END_DECLS
