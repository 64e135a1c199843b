/* stead-import-dialog.c: check, map and import one file
 *
 * The dialog runs a dry run as soon as it opens and again whenever the
 * format or a column changes, so the officer sees what would be added,
 * updated and rejected (with line and reason) before anything changes.
 * Import runs the same code for real on a worker thread, with progress
 * and Cancel; a failed or cancelled import changes nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stead-import-dialog"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "stead-import-dialog-private.h"

#define PREVIEW_ROWS 5
#define MAX_REJECTS_SHOWN 200

struct _SteadImportDialog
{
  AdwWindow          parent_instance;

  SteadWorkspace    *workspace;
  GFile             *file;
  GPtrArray         *importers;      /* every importer */
  GPtrArray          *choices;       /* those offered, in the combo's order */
  SteadImporter     *importer;
  char             **header;
  GtkStringList     *column_names;   /* "(not imported)", then the header */
  GPtrArray         *field_rows;     /* AdwComboRow per field */
  GPtrArray         *option_rows;    /* a row per option the format declares */
  GPtrArray         *detected;       /* the formats the content fits best */
  SteadImportResult *result;
  GCancellable      *cancellable;
  guint              check_source;
  gboolean           running_real;

  AdwWindowTitle    *title;
  AdwComboRow       *format_row;
  AdwPreferencesGroup *columns_group;
  AdwPreferencesGroup *options_group;
  AdwPreferencesGroup *preview_group;
  GtkWidget         *preview;
  AdwActionRow      *summary_row;
  GtkListBox        *rejects_list;
  GtkWidget         *rejects_group;
  GtkSwitch         *skip_switch;
  GtkWidget         *save_rejects_button;
  GtkProgressBar    *progress;
  GtkWidget         *import_button;
  GtkWidget         *cancel_button;
  GtkWidget         *stop_button;
  AdwToastOverlay   *toasts;
};

G_DEFINE_FINAL_TYPE (SteadImportDialog, stead_import_dialog, ADW_TYPE_WINDOW)

enum {
  IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void stead_import_dialog_schedule_check (SteadImportDialog *self);

static const char *
stead_import_dialog_none_label (void)
{
  /* The field is left empty; the column is not lost (see the check's
   * "Kept as extra attributes"). */
  return _("(no column)");
}

/* ------------------------------------------------------------------------ */
/* Columns and preview                                                       */

static void
stead_import_dialog_clear_group (AdwPreferencesGroup *group,
                                 GPtrArray           *rows)
{
  for (guint i = 0; rows != NULL && i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  if (rows != NULL)
    g_ptr_array_set_size (rows, 0);
}

static char *
stead_import_dialog_current_map (SteadImportDialog *self)
{
  g_autoptr(GString) spec = g_string_new (NULL);
  const SteadImportField *fields;
  guint n_fields;

  if (self->importer == NULL || self->header == NULL)
    return NULL;
  fields = stead_importer_get_fields (self->importer, &n_fields);
  for (guint i = 0; i < self->field_rows->len && i < n_fields; i++)
    {
      guint selected = adw_combo_row_get_selected (g_ptr_array_index (self->field_rows, i));

      if (spec->len > 0)
        g_string_append_c (spec, ',');
      g_string_append_printf (
        spec, "%s=%s", fields[i].name,
        selected == 0 || selected == GTK_INVALID_LIST_POSITION ? "" : self->header[selected - 1]);
    }
  return g_string_free (g_steal_pointer (&spec), FALSE);
}

static void
stead_import_dialog_on_column_changed (SteadImportDialog *self)
{
  stead_import_dialog_schedule_check (self);
}

static void
stead_import_dialog_build_preview (SteadImportDialog *self,
                                   GPtrArray         *rows)
{
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *scroller;

  gtk_grid_set_column_spacing (GTK_GRID (grid), 18);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_widget_set_margin_top (grid, 12);
  gtk_widget_set_margin_bottom (grid, 12);
  gtk_widget_set_margin_start (grid, 12);
  gtk_widget_set_margin_end (grid, 12);

  for (guint c = 0; self->header[c] != NULL; c++)
    {
      GtkWidget *label = gtk_label_new (self->header[c]);

      gtk_widget_add_css_class (label, "heading");
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_grid_attach (GTK_GRID (grid), label, c, 0, 1, 1);
    }
  for (guint r = 0; r < rows->len; r++)
    {
      GPtrArray *row = g_ptr_array_index (rows, r);

      for (guint c = 0; c < row->len; c++)
        {
          GtkWidget *label = gtk_label_new (g_ptr_array_index (row, c));

          gtk_label_set_xalign (GTK_LABEL (label), 0);
          gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
          gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
          gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
          gtk_grid_attach (GTK_GRID (grid), label, c, r + 1, 1, 1);
        }
    }

  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_AUTOMATIC,
                                  GTK_POLICY_NEVER);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), grid);
  gtk_widget_add_css_class (scroller, "card");

  if (self->preview != NULL)
    adw_preferences_group_remove (self->preview_group, self->preview);
  self->preview = scroller;
  adw_preferences_group_add (self->preview_group, scroller);
}

/* Reads the header and the first rows, and offers a column per field,
 * chosen as the import will choose: by name and HXL tag, then the map
 * saved for this layout of columns. */
static void
stead_import_dialog_load_columns (SteadImportDialog *self)
{
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(SteadCsvReader) reader = NULL;
  g_autoptr(SteadColumnMap) map = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *basename = g_file_get_basename (self->file);
  g_autofree char *saved = NULL;
  const SteadImportField *fields;
  guint n_fields;

  stead_import_dialog_clear_group (self->columns_group, self->field_rows);
  g_clear_pointer (&self->header, g_strfreev);
  fields = stead_importer_get_fields (self->importer, &n_fields);
  gtk_widget_set_visible (GTK_WIDGET (self->columns_group), fields != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->preview_group), fields != NULL);
  if (fields == NULL)
    return;

  stream = G_INPUT_STREAM (g_file_read (self->file, NULL, &error));
  if (stream != NULL)
    {
      reader = stead_csv_reader_new (stream, basename);
      if (stead_csv_reader_read_header (reader, NULL, &error))
        {
          for (guint i = 0; i < PREVIEW_ROWS; i++)
            {
              GPtrArray *row = NULL;

              if (!stead_csv_reader_next (reader, &row, NULL, NULL, &error))
                break;
              g_ptr_array_add (rows, row);
            }
          self->header = g_strdupv ((char **) stead_csv_reader_get_header (reader));
        }
    }
  if (self->header == NULL)
    {
      /* The dry run will say what is wrong with the file. */
      gtk_widget_set_visible (GTK_WIDGET (self->columns_group), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->preview_group), FALSE);
      return;
    }

  g_clear_object (&self->column_names);
  self->column_names = gtk_string_list_new (NULL);
  gtk_string_list_append (self->column_names, stead_import_dialog_none_label ());
  for (guint c = 0; self->header[c] != NULL; c++)
    gtk_string_list_append (self->column_names, self->header[c]);

  map = stead_column_map_new_auto (fields, n_fields, (const char * const *) self->header,
                                   stead_csv_reader_get_hxl_tags (reader));
  saved = stead_import_get_saved_map (self->workspace, stead_importer_get_id (self->importer),
                                      (const char * const *) self->header);
  if (saved != NULL)
    stead_column_map_apply_spec (map, saved, NULL);

  for (guint i = 0; i < n_fields; i++)
    {
      GtkWidget *row = adw_combo_row_new ();
      int column = stead_column_map_get_column (map, fields[i].name);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     stead_field_get_label (&fields[i]));
      if (fields[i].required)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Required"));
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (self->column_names));
      adw_combo_row_set_selected (ADW_COMBO_ROW (row), column >= 0 ? (guint) column + 1 : 0);
      g_signal_connect_object (row, "notify::selected",
                               G_CALLBACK (stead_import_dialog_on_column_changed), self,
                               G_CONNECT_SWAPPED);
      adw_preferences_group_add (self->columns_group, row);
      g_ptr_array_add (self->field_rows, row);
    }

  stead_import_dialog_build_preview (self, rows);
}

/* ------------------------------------------------------------------------ */
/* Running                                                                   */

/* Import is offered only for what can be committed: something to add or
 * update, and no rejects unless the user chose to skip them. */
static void
stead_import_dialog_update_import_button (SteadImportDialog *self)
{
  gboolean can = self->result != NULL && self->cancellable == NULL &&
                 self->result->added + self->result->updated + self->result->removed > 0 &&
                 (self->result->rejects->len == 0 || gtk_switch_get_active (self->skip_switch));

  gtk_widget_set_sensitive (self->import_button, can);
}

static void
stead_import_dialog_set_running (SteadImportDialog *self,
                                 gboolean           running)
{
  gtk_widget_set_visible (GTK_WIDGET (self->progress), running);
  gtk_widget_set_visible (self->stop_button, running && self->running_real);
  stead_import_dialog_update_import_button (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->format_row), !running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->columns_group), !running);
  gtk_progress_bar_set_fraction (self->progress, 0);
}

static void
stead_import_dialog_on_progress (double   fraction,
                                 gpointer user_data)
{
  SteadImportDialog *self = user_data;

  gtk_progress_bar_set_fraction (self->progress, fraction);
}

static void
stead_import_dialog_clear_rejects (SteadImportDialog *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->rejects_list))) != NULL)
    gtk_list_box_remove (self->rejects_list, child);
  gtk_widget_set_visible (self->rejects_group, FALSE);
}

static void
stead_import_dialog_show_result (SteadImportDialog *self,
                                 SteadImportResult *result,
                                 const GError      *error)
{
  g_autofree char *summary = NULL;
  g_autoptr(GString) subtitle = g_string_new (NULL);

  stead_import_dialog_clear_rejects (self);

  if (result != NULL)
    summary = stead_import_result_describe (result);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->summary_row),
                                 summary != NULL ? summary : _("Cannot import this file"));

  if (error != NULL && !g_error_matches (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_REJECTED))
    g_string_append (subtitle, error->message);
  for (guint i = 0; result != NULL && i < result->warnings->len; i++)
    {
      if (subtitle->len > 0)
        g_string_append_c (subtitle, '\n');
      g_string_append (subtitle, g_ptr_array_index (result->warnings, i));
    }
  adw_action_row_set_subtitle (self->summary_row, subtitle->str);

  /* What would be added and updated, by name, where the format names them. */
  for (int which = 0; result != NULL && which < 3; which++)
    {
      GPtrArray *names = which == 0   ? result->added_names
                         : which == 1 ? result->updated_names
                                      : result->linked_names;
      g_autoptr(GString) list = g_string_new (NULL);

      if (names->len == 0)
        continue;
      for (guint i = 0; i < MIN (names->len, 30); i++)
        g_string_append_printf (list, "%s%s", i ? ", " : "",
                                (const char *) g_ptr_array_index (names, i));
      if (names->len > 30)
        g_string_append_printf (list, _(" and %u more"), names->len - 30);
      if (subtitle->len > 0)
        g_string_append_c (subtitle, '\n');
      g_string_append_printf (subtitle,
                              which == 0   ? _("Add: %s")
                              : which == 1 ? _("Update: %s")
                                           : _("Also add: %s"),
                              list->str);
    }
  adw_action_row_set_subtitle (self->summary_row, subtitle->str);

  if (result != NULL && result->rejects->len > 0)
    {
      for (guint i = 0; i < MIN (result->rejects->len, MAX_REJECTS_SHOWN); i++)
        {
          const SteadImportReject *reject = g_ptr_array_index (result->rejects, i);
          GtkWidget *row = adw_action_row_new ();
          g_autofree char *where = NULL;

          if (reject->line > 0)
            where = g_strdup_printf (_("Line %llu"), (unsigned long long) reject->line);
          else
            where = g_strdup_printf (_("Record %llu"), (unsigned long long) reject->index);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), where);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), reject->reason);
          gtk_list_box_append (self->rejects_list, row);
        }
      if (result->rejects->len > MAX_REJECTS_SHOWN)
        {
          GtkWidget *row = adw_action_row_new ();
          g_autofree char *more = g_strdup_printf (_("… and %u more: save them all as CSV"),
                                                   result->rejects->len - MAX_REJECTS_SHOWN);

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), more);
          gtk_list_box_append (self->rejects_list, row);
        }
      gtk_widget_set_visible (self->rejects_group, TRUE);
    }
}

/* ------------------------------------------------------------------------ */
/* The format's options, each a widget of its type                          */

#define OPTION_KEY "stead-option"
#define OPTION_CODES "stead-option-codes"

static const char *
stead_import_dialog_option_label (const SteadFormatOption *option)
{
  return option->label != NULL ? g_dgettext (GETTEXT_PACKAGE, option->label) : option->key;
}

/* A combo of "(none)" and the terms or choices, their codes beside. */
static GtkWidget *
stead_import_dialog_option_combo (SteadImportDialog       *self,
                                  const SteadFormatOption *option)
{
  g_autoptr(GListModel) terms = NULL;
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  GPtrArray *codes = g_ptr_array_new_with_free_func (g_free);
  GtkWidget *row = adw_combo_row_new ();

  if (option->type == STEAD_FIELD_TERM && option->vocabulary != NULL)
    terms = stead_vocabulary_new (self->workspace, option->vocabulary);
  else if (option->choices != NULL)
    terms = stead_choices_model_new (option->choices);
  /* TRANSLATORS: an option of the import left unset */
  gtk_string_list_append (labels, _("(not set)"));
  g_ptr_array_add (codes, NULL);
  for (guint i = 0; terms != NULL && i < g_list_model_get_n_items (terms); i++)
    {
      g_autoptr(SteadTerm) term = g_list_model_get_item (terms, i);

      gtk_string_list_append (labels, stead_term_get_label (term));
      g_ptr_array_add (codes, g_strdup (stead_term_get_code (term)));
    }
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
  g_object_set_data_full (G_OBJECT (row), OPTION_CODES, codes, (GDestroyNotify) g_ptr_array_unref);
  g_signal_connect_object (row, "notify::selected",
                           G_CALLBACK (stead_import_dialog_schedule_check), self,
                           G_CONNECT_SWAPPED);
  return row;
}

#define OPTION_COLUMNS "stead-option-columns"

/* "2 columns: A, B", under a columns option's title. */
static void
stead_import_dialog_on_column_ticked (GtkCheckButton *check,
                                      gpointer        user_data)
{
  SteadImportDialog *self = user_data;
  GtkWidget *row = g_object_get_data (G_OBJECT (check), OPTION_KEY);
  GPtrArray *checks = g_object_get_data (G_OBJECT (row), OPTION_COLUMNS);
  g_autoptr(GString) names = g_string_new (NULL);
  guint n = 0;

  for (guint i = 0; i < checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (checks, i)))
      {
        const char *name = g_object_get_data (G_OBJECT (g_ptr_array_index (checks, i)),
                                              OPTION_COLUMNS);
        const char *colon = strstr (name, ": ");
        const char *measures = g_strrstr (name, "; measures:");

        /* "Cannot speak English well", without the table's name before
         * it ("Proficiency in English language: …") or the measure after. */
        if (colon != NULL && colon[2] != '\0')
          name = colon + 2;
        g_string_append_printf (names, "%s%.*s", n++ > 0 ? "; " : "",
                                measures != NULL && measures > name ? (int) (measures - name) : -1,
                                name);
      }
  if (n == 0)
    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), _("None chosen"));
  else
    {
      /* TRANSLATORS: %u: how many columns are chosen; %s: their names */
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u column: %s",
                                                            "%u columns: %s", n),
                                               n, names->str);

      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), text);
    }
  stead_import_dialog_schedule_check (self);
}

/* One tick box a column of the file, for an option naming columns. */
static GtkWidget *
stead_import_dialog_option_columns (SteadImportDialog *self)
{
  GtkWidget *row = adw_expander_row_new ();
  GPtrArray *checks = g_ptr_array_new ();

  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), _("None chosen"));
  for (guint c = 0; self->header != NULL && self->header[c] != NULL; c++)
    {
      GtkWidget *item, *check;
      gboolean mapped = FALSE;

      /* Not the columns the format's fields read (the areas' codes…). */
      for (guint i = 0; i < self->field_rows->len; i++)
        mapped |= adw_combo_row_get_selected (g_ptr_array_index (self->field_rows, i)) == c + 1;
      if (mapped)
        continue;
      item = adw_action_row_new ();
      check = gtk_check_button_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (item), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (item), self->header[c]);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (item), 3);
      adw_action_row_add_prefix (ADW_ACTION_ROW (item), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (item), check);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      self->header[c], -1);
      g_object_set_data_full (G_OBJECT (check), OPTION_COLUMNS, g_strdup (self->header[c]),
                              g_free);
      g_object_set_data (G_OBJECT (check), OPTION_KEY, row);
      g_signal_connect_object (check, "toggled", G_CALLBACK (stead_import_dialog_on_column_ticked),
                               self, 0);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), item);
      g_ptr_array_add (checks, check);
    }
  g_object_set_data_full (G_OBJECT (row), OPTION_COLUMNS, checks,
                          (GDestroyNotify) g_ptr_array_unref);
  return row;
}

static void
stead_import_dialog_on_record_chosen (GtkDropDown *drop_down,
                                      GParamSpec  *pspec,
                                      GtkEditable *entry)
{
  GtkStringObject *item = gtk_drop_down_get_selected_item (drop_down);

  if (item != NULL && gtk_drop_down_get_selected (drop_down) > 0)
    gtk_editable_set_text (entry, gtk_string_object_get_string (item));
}

/* An entry for a record's title, a new one's or an existing one's, with
 * the existing ones to choose from beside it. */
static GtkWidget *
stead_import_dialog_option_record (SteadImportDialog       *self,
                                   const SteadFormatOption *option)
{
  const SteadField field = { option->key, .type = STEAD_FIELD_RECORD,
                             .vocabulary = option->vocabulary };
  GtkWidget *row = adw_entry_row_new ();
  g_autoptr(GListModel) records = stead_field_choices_new (&field, self->workspace);
  GtkStringList *titles = gtk_string_list_new (NULL);
  GtkWidget *drop_down;

  /* TRANSLATORS: the first item of a list of existing records to choose from */
  gtk_string_list_append (titles, _("Existing…"));
  for (guint i = 0; records != NULL && i < g_list_model_get_n_items (records); i++)
    {
      g_autoptr(SteadTerm) term = g_list_model_get_item (records, i);

      gtk_string_list_append (titles, stead_term_get_label (term));
    }
  drop_down = gtk_drop_down_new (G_LIST_MODEL (titles), NULL);
  gtk_widget_set_valign (drop_down, GTK_ALIGN_CENTER);
  gtk_widget_set_sensitive (drop_down, g_list_model_get_n_items (G_LIST_MODEL (titles)) > 1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  stead_import_dialog_option_label (option), -1);
  g_signal_connect_object (drop_down, "notify::selected",
                           G_CALLBACK (stead_import_dialog_on_record_chosen), row, 0);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), drop_down);
  g_signal_connect_object (row, "changed", G_CALLBACK (stead_import_dialog_schedule_check), self,
                           G_CONNECT_SWAPPED);
  return row;
}

static void
stead_import_dialog_load_options (SteadImportDialog *self)
{
  const SteadFormatOption *options = stead_importer_get_options (self->importer);

  stead_import_dialog_clear_group (self->options_group, self->option_rows);
  for (guint i = 0; options != NULL && options[i].key != NULL; i++)
    {
      const SteadFormatOption *option = &options[i];
      GtkWidget *row;

      switch (option->type)
        {
        case STEAD_FIELD_BOOL:
          {
            GtkWidget *toggle = gtk_switch_new ();

            row = adw_action_row_new ();
            gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
            adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
            adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
            g_signal_connect_object (toggle, "notify::active",
                                     G_CALLBACK (stead_import_dialog_schedule_check), self,
                                     G_CONNECT_SWAPPED);
            g_object_set_data (G_OBJECT (row), "stead-switch", toggle);
            gtk_accessible_update_property (GTK_ACCESSIBLE (toggle),
                                            GTK_ACCESSIBLE_PROPERTY_LABEL,
                                            stead_import_dialog_option_label (option), -1);
            break;
          }
        case STEAD_FIELD_TERM:
        case STEAD_FIELD_CHOICE:
          row = stead_import_dialog_option_combo (self, option);
          break;
        case STEAD_FIELD_RECORD:
          row = stead_import_dialog_option_record (self, option);
          break;
        case STEAD_FORMAT_OPTION_COLUMNS:
          row = stead_import_dialog_option_columns (self);
          break;
        default:
          row = adw_entry_row_new ();
          g_signal_connect_object (row, "changed",
                                   G_CALLBACK (stead_import_dialog_schedule_check), self,
                                   G_CONNECT_SWAPPED);
          break;
        }
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     stead_import_dialog_option_label (option));
      if (option->description != NULL && ADW_IS_ACTION_ROW (row))
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                     g_dgettext (GETTEXT_PACKAGE, option->description));
      else if (option->description != NULL)
        gtk_widget_set_tooltip_text (row, g_dgettext (GETTEXT_PACKAGE, option->description));
      g_object_set_data (G_OBJECT (row), OPTION_KEY, (gpointer) option->key);
      adw_preferences_group_add (self->options_group, row);
      g_ptr_array_add (self->option_rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->options_group), self->option_rows->len > 0);
}

/* What the option rows say, as key=value; NULL if all are left empty. */
static GHashTable *
stead_import_dialog_current_options (SteadImportDialog *self)
{
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  for (guint i = 0; i < self->option_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->option_rows, i);
      const char *key = g_object_get_data (G_OBJECT (row), OPTION_KEY);
      GPtrArray *codes = g_object_get_data (G_OBJECT (row), OPTION_CODES);
      GtkWidget *toggle = g_object_get_data (G_OBJECT (row), "stead-switch");
      GPtrArray *checks = g_object_get_data (G_OBJECT (row), OPTION_COLUMNS);
      char *value = NULL;

      if (checks != NULL)
        {
          g_autoptr(GString) names = g_string_new (NULL);

          for (guint c = 0; c < checks->len; c++)
            if (gtk_check_button_get_active (g_ptr_array_index (checks, c)))
              g_string_append_printf (names, "%s%s", names->len > 0 ? "|" : "",
                                      (const char *) g_object_get_data (
                                        G_OBJECT (g_ptr_array_index (checks, c)), OPTION_COLUMNS));
          value = g_string_free (g_steal_pointer (&names), FALSE);
        }
      else if (toggle != NULL)
        value = gtk_switch_get_active (GTK_SWITCH (toggle)) ? g_strdup ("yes") : NULL;
      else if (codes != NULL)
        {
          guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (row));

          if (selected != GTK_INVALID_LIST_POSITION && selected < codes->len)
            value = g_strdup (g_ptr_array_index (codes, selected));
        }
      else
        {
          const char *text = gtk_editable_get_text (GTK_EDITABLE (row));

          value = text[0] != '\0' ? g_strstrip (g_strdup (text)) : NULL;
        }
      if (value != NULL && value[0] != '\0')
        g_hash_table_insert (table, (gpointer) key, value);
      else
        g_free (value);
    }
  if (g_hash_table_size (table) == 0)
    g_clear_pointer (&table, g_hash_table_unref);
  return table;
}

static void
stead_import_dialog_fill_options (SteadImportDialog  *self,
                                  SteadImportOptions *options,
                                  char              **map)
{
  *map = stead_import_dialog_current_map (self);
  options->map = *map;
  options->skip_rejected = gtk_switch_get_active (self->skip_switch);
  options->options = stead_import_dialog_current_options (self);
}

static void
stead_import_dialog_on_check_done (GObject      *source,
                                   GAsyncResult *res,
                                   gpointer      user_data)
{
  g_autoptr(SteadImportDialog) self = user_data;
  g_autoptr(SteadImportResult) result = NULL;
  g_autoptr(GError) error = NULL;

  stead_import_run_finish (STEAD_WORKSPACE (source), res, &result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->result, stead_import_result_free);
  stead_import_dialog_show_result (self, result, error);
  if (error == NULL)
    self->result = g_steal_pointer (&result);
  stead_import_dialog_set_running (self, FALSE);
}

static gboolean
stead_import_dialog_run_check (gpointer user_data)
{
  SteadImportDialog *self = user_data;
  SteadImportOptions options = { .dry_run = TRUE };
  g_autofree char *map = NULL;

  self->check_source = 0;
  if (self->importer == NULL)
    return G_SOURCE_REMOVE;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_clear_pointer (&self->result, stead_import_result_free);

  stead_import_dialog_fill_options (self, &options, &map);
  self->running_real = FALSE;
  stead_import_dialog_set_running (self, TRUE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->summary_row), _("Checking…"));
  adw_action_row_set_subtitle (self->summary_row, "");
  stead_import_run_async (self->workspace, self->importer, self->file, &options,
                          stead_import_dialog_on_progress, self, self->cancellable,
                          stead_import_dialog_on_check_done, g_object_ref (self));
  g_clear_pointer (&options.options, g_hash_table_unref);
  return G_SOURCE_REMOVE;
}

static void
stead_import_dialog_schedule_check (SteadImportDialog *self)
{
  g_clear_handle_id (&self->check_source, g_source_remove);
  self->check_source = g_timeout_add (150, stead_import_dialog_run_check, self);
}

static void
stead_import_dialog_on_import_done (GObject      *source,
                                    GAsyncResult *res,
                                    gpointer      user_data)
{
  g_autoptr(SteadImportDialog) self = user_data;
  g_autoptr(SteadImportResult) result = NULL;
  g_autoptr(GError) error = NULL;

  self->running_real = FALSE;
  g_clear_object (&self->cancellable);

  if (!stead_import_run_finish (STEAD_WORKSPACE (source), res, &result, &error))
    {
      stead_import_dialog_set_running (self, FALSE);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          adw_toast_overlay_add_toast (self->toasts, adw_toast_new (_("Import cancelled; nothing "
                                                                       "was changed")));
          stead_import_dialog_schedule_check (self);
          return;
        }
      stead_import_dialog_show_result (self, result, error);
      adw_action_row_set_subtitle (self->summary_row, error->message);
      return;
    }

  g_signal_emit (self, signals[IMPORTED], 0, result);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
stead_import_dialog_import_clicked (SteadImportDialog *self)
{
  SteadImportOptions options = { 0 };
  g_autofree char *map = NULL;

  if (self->importer == NULL)
    return;
  g_clear_handle_id (&self->check_source, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  stead_import_dialog_fill_options (self, &options, &map);
  self->running_real = TRUE;
  stead_import_dialog_set_running (self, TRUE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->summary_row), _("Importing…"));
  stead_import_run_async (self->workspace, self->importer, self->file, &options,
                          stead_import_dialog_on_progress, self, self->cancellable,
                          stead_import_dialog_on_import_done, g_object_ref (self));
  g_clear_pointer (&options.options, g_hash_table_unref);
}

static void
stead_import_dialog_stop_clicked (SteadImportDialog *self)
{
  g_cancellable_cancel (self->cancellable);
}

static void
stead_import_dialog_on_rejects_chooser_response (GtkNativeDialog   *chooser,
                                                 int                response,
                                                 SteadImportDialog *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GError) error = NULL;

      /* 0600 (whole rows), beside and renamed over, never over the input. */
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      if (self->result != NULL &&
          stead_import_result_save_rejects (self->result, file, self->workspace, self->file, NULL,
                                            &error))
        adw_toast_overlay_add_toast (self->toasts, adw_toast_new (_("Rejected records saved")));
      else if (error != NULL)
        adw_toast_overlay_add_toast (self->toasts, adw_toast_new (error->message));
    }
  g_object_unref (chooser);
}

static void
stead_import_dialog_save_rejects_clicked (SteadImportDialog *self)
{
  GtkFileChooserNative *chooser;
  g_autofree char *basename = g_file_get_basename (self->file);
  g_autofree char *name = NULL;
  char *dot;

  dot = strrchr (basename, '.');
  if (dot != NULL)
    *dot = '\0';
  /* TRANSLATORS: the file name offered for rejected records; %s is the imported file's name */
  name = g_strdup_printf (_("%s-rejected.csv"), basename);
  chooser = gtk_file_chooser_native_new (_("Save Rejected Records"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response",
                    G_CALLBACK (stead_import_dialog_on_rejects_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
stead_import_dialog_on_format_changed (SteadImportDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->format_row);

  if (selected == GTK_INVALID_LIST_POSITION || selected >= self->choices->len)
    return;
  self->importer = g_ptr_array_index (self->choices, selected);
  stead_import_dialog_load_columns (self);
  stead_import_dialog_load_options (self);
  stead_import_dialog_schedule_check (self);
}

/* ------------------------------------------------------------------------ */

static gboolean
stead_import_dialog_reads_extension (SteadImporter *importer,
                                     const char    *basename)
{
  const char * const *extensions = stead_importer_get_extensions (importer);
  g_autofree char *lower = g_utf8_strdown (basename, -1);

  for (guint i = 0; extensions != NULL && extensions[i] != NULL; i++)
    {
      g_autofree char *suffix = g_strconcat (".", extensions[i], NULL);

      if (g_str_has_suffix (lower, suffix))
        return TRUE;
    }
  return FALSE;
}

static void
stead_import_dialog_dispose (GObject *object)
{
  SteadImportDialog *self = STEAD_IMPORT_DIALOG (object);

  g_clear_handle_id (&self->check_source, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (stead_import_dialog_parent_class)->dispose (object);
}

static void
stead_import_dialog_finalize (GObject *object)
{
  SteadImportDialog *self = STEAD_IMPORT_DIALOG (object);

  g_clear_object (&self->workspace);
  g_clear_object (&self->file);
  g_clear_pointer (&self->importers, g_ptr_array_unref);
  g_clear_pointer (&self->choices, g_ptr_array_unref);
  g_clear_pointer (&self->field_rows, g_ptr_array_unref);
  g_clear_pointer (&self->option_rows, g_ptr_array_unref);
  g_clear_pointer (&self->detected, g_ptr_array_unref);
  g_clear_pointer (&self->header, g_strfreev);
  g_clear_object (&self->column_names);
  g_clear_pointer (&self->result, stead_import_result_free);

  G_OBJECT_CLASS (stead_import_dialog_parent_class)->finalize (object);
}

static void
stead_import_dialog_class_init (SteadImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = stead_import_dialog_dispose;
  object_class->finalize = stead_import_dialog_finalize;

  /**
   * SteadImportDialog::imported:
   * @result: (type gpointer): the #SteadImportResult
   *
   * The import was committed.
   */
  signals[IMPORTED] = g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static GtkWidget *
stead_import_dialog_group_new (const char *title,
                               const char *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  return group;
}

static void
stead_import_dialog_init (SteadImportDialog *self)
{
  GtkWidget *toolbar, *header, *scroller, *clamp, *box, *group, *row, *overlay_box;

  self->field_rows = g_ptr_array_new ();
  self->option_rows = g_ptr_array_new ();

  gtk_window_set_default_size (GTK_WINDOW (self), 640, 720);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);

  toolbar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  self->title = ADW_WINDOW_TITLE (adw_window_title_new (_("Import"), ""));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), GTK_WIDGET (self->title));

  self->cancel_button = gtk_button_new_with_mnemonic (_("_Cancel"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->cancel_button), "window.close");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), self->cancel_button);

  self->import_button = gtk_button_new_with_mnemonic (_("_Import"));
  gtk_widget_add_css_class (self->import_button, "suggested-action");
  gtk_widget_set_sensitive (self->import_button, FALSE);
  g_signal_connect_swapped (self->import_button, "clicked",
                            G_CALLBACK (stead_import_dialog_import_clicked), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->import_button);
  gtk_box_append (GTK_BOX (toolbar), header);

  self->progress = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_widget_add_css_class (GTK_WIDGET (self->progress), "osd");
  gtk_widget_set_visible (GTK_WIDGET (self->progress), FALSE);
  gtk_box_append (GTK_BOX (toolbar), GTK_WIDGET (self->progress));

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  gtk_widget_set_margin_top (box, 24);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  /* What would happen */
  group = stead_import_dialog_group_new (
    _("Check"), _("Nothing changes until you press Import. Records that cannot be "
                    "imported are listed with their line and the reason."));
  self->summary_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->summary_row), _("Checking…"));
  adw_action_row_set_subtitle_lines (self->summary_row, 6);
  self->stop_button = gtk_button_new_with_mnemonic (_("_Stop"));
  gtk_widget_set_valign (self->stop_button, GTK_ALIGN_CENTER);
  gtk_widget_set_visible (self->stop_button, FALSE);
  g_signal_connect_swapped (self->stop_button, "clicked",
                            G_CALLBACK (stead_import_dialog_stop_clicked), self);
  adw_action_row_add_suffix (self->summary_row, self->stop_button);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->summary_row));

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Skip Rejected Records"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Import the others; otherwise one bad "
                                                        "record stops the import"));
  self->skip_switch = GTK_SWITCH (gtk_switch_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->skip_switch), GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (self->skip_switch));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), GTK_WIDGET (self->skip_switch));
  g_signal_connect_swapped (self->skip_switch, "notify::active",
                            G_CALLBACK (stead_import_dialog_update_import_button), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  gtk_box_append (GTK_BOX (box), group);

  /* Rejects */
  self->rejects_group = stead_import_dialog_group_new (_("Rejected Records"), NULL);
  self->save_rejects_button = gtk_button_new_with_mnemonic (_("_Save as CSV…"));
  gtk_widget_add_css_class (self->save_rejects_button, "flat");
  g_signal_connect_swapped (self->save_rejects_button, "clicked",
                            G_CALLBACK (stead_import_dialog_save_rejects_clicked), self);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (self->rejects_group),
                                           self->save_rejects_button);
  self->rejects_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->rejects_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->rejects_list), "boxed-list");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->rejects_group),
                             GTK_WIDGET (self->rejects_list));
  gtk_widget_set_visible (self->rejects_group, FALSE);
  gtk_box_append (GTK_BOX (box), self->rejects_group);

  /* Format */
  group = stead_import_dialog_group_new (_("Format"), NULL);
  self->format_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->format_row), _("Read As"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->format_row));
  gtk_box_append (GTK_BOX (box), group);

  /* Options of the format */
  self->options_group = ADW_PREFERENCES_GROUP (stead_import_dialog_group_new (_("Options"), NULL));
  gtk_widget_set_visible (GTK_WIDGET (self->options_group), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->options_group));

  /* Columns */
  self->columns_group = ADW_PREFERENCES_GROUP (stead_import_dialog_group_new (
    _("Columns"), _("Which column of the file fills each field. Where the format keeps them, "
                      "columns no field reads are kept with each record as extra attributes. "
                      "Stead remembers your choice for files laid out the same way.")));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->columns_group));

  self->preview_group = ADW_PREFERENCES_GROUP (
    stead_import_dialog_group_new (_("Preview"), _("The first rows of the file")));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->preview_group));

  clamp = adw_clamp_new ();
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  gtk_widget_set_vexpand (scroller, TRUE);

  self->toasts = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (self->toasts, scroller);
  gtk_widget_set_vexpand (GTK_WIDGET (self->toasts), TRUE);
  gtk_box_append (GTK_BOX (toolbar), GTK_WIDGET (self->toasts));

  overlay_box = toolbar;
  adw_window_set_content (ADW_WINDOW (self), overlay_box);
}

/**
 * stead_import_dialog_new:
 * @parent: the window
 * @workspace: where to import
 * @engine: (nullable): for the plugins' formats
 * @file: the file chosen
 *
 * Returns: (transfer floating): the dialog, checking @file already
 */
SteadImportDialog *
stead_import_dialog_new (GtkWindow         *parent,
                         SteadWorkspace    *workspace,
                         SteadPluginEngine *engine,
                         GFile             *file)
{
  SteadImportDialog *self = g_object_new (STEAD_TYPE_IMPORT_DIALOG, "transient-for", parent, NULL);
  g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);
  g_autofree char *basename = g_file_get_basename (file);
  guint selected = 0;

  self->workspace = g_object_ref (workspace);
  self->file = g_object_ref (file);
  self->importers = stead_import_list_importers (engine);
  self->choices = g_ptr_array_new ();
  /* Reading the start of the file is quick; a file that cannot be read
   * says so when it is checked. */
  self->detected = stead_import_detect (self->importers, file, NULL, NULL);
  if (self->detected == NULL)
    self->detected = g_ptr_array_new ();

  /* The formats the content fits first, then those that read this file
   * name, then the rest. */
  for (guint pass = 0; pass < 3; pass++)
    for (guint i = 0; i < self->importers->len; i++)
      {
        SteadImporter *importer = g_ptr_array_index (self->importers, i);
        gboolean fits = g_ptr_array_find (self->detected, importer, NULL);
        gboolean named = stead_import_dialog_reads_extension (importer, basename);

        if ((pass == 0 && fits) || (pass == 1 && !fits && named) ||
            (pass == 2 && !fits && !named))
          {
            g_ptr_array_add (self->choices, importer);
            gtk_string_list_append (titles, stead_importer_get_title (importer));
          }
      }
  if (self->detected->len > 1)
    {
      g_autofree char *names = stead_import_describe_candidates (self->detected);
      g_autofree char *note = g_strdup_printf (_("This file could be %s: choose which"), names);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->format_row), note);
    }

  adw_window_title_set_subtitle (self->title, basename);
  adw_combo_row_set_model (self->format_row, G_LIST_MODEL (titles));
  adw_combo_row_set_selected (self->format_row, selected);
  g_signal_connect_object (self->format_row, "notify::selected",
                           G_CALLBACK (stead_import_dialog_on_format_changed), self,
                           G_CONNECT_SWAPPED);
  stead_import_dialog_on_format_changed (self);

  return self;
}

/**
 * stead_import_dialog_select_format:
 * @self: the dialog
 * @id: a format id
 *
 * Returns: %TRUE if the format is offered
 */
gboolean
stead_import_dialog_select_format (SteadImportDialog *self,
                                   const char        *id)
{
  g_return_val_if_fail (STEAD_IS_IMPORT_DIALOG (self), FALSE);

  for (guint i = 0; i < self->choices->len; i++)
    if (g_str_equal (stead_importer_get_id (g_ptr_array_index (self->choices, i)), id))
      {
        adw_combo_row_set_selected (self->format_row, i);
        return TRUE;
      }
  return FALSE;
}

/**
 * stead_import_dialog_get_result:
 * @self: the dialog
 *
 * Returns: (nullable): the last dry run's result, if it could import
 */
SteadImportResult *
stead_import_dialog_get_result (SteadImportDialog *self)
{
  g_return_val_if_fail (STEAD_IS_IMPORT_DIALOG (self), NULL);

  return self->result;
}

/**
 * stead_import_dialog_set_column:
 * @self: the dialog
 * @field: a field of the format
 * @column: (nullable): a column of the file, or %NULL for none
 *
 * Returns: %TRUE if both exist
 */
gboolean
stead_import_dialog_set_column (SteadImportDialog *self,
                                const char        *field,
                                const char        *column)
{
  const SteadImportField *fields;
  guint n_fields;

  g_return_val_if_fail (STEAD_IS_IMPORT_DIALOG (self), FALSE);

  fields = stead_importer_get_fields (self->importer, &n_fields);
  for (guint i = 0; i < n_fields && i < self->field_rows->len; i++)
    {
      if (!g_str_equal (fields[i].name, field))
        continue;
      if (column == NULL)
        {
          adw_combo_row_set_selected (g_ptr_array_index (self->field_rows, i), 0);
          return TRUE;
        }
      for (guint c = 0; self->header != NULL && self->header[c] != NULL; c++)
        if (g_str_equal (self->header[c], column))
          {
            adw_combo_row_set_selected (g_ptr_array_index (self->field_rows, i), c + 1);
            return TRUE;
          }
    }
  return FALSE;
}

/**
 * stead_import_dialog_import:
 * @self: the dialog
 *
 * Presses Import.
 */
void
stead_import_dialog_import (SteadImportDialog *self)
{
  g_return_if_fail (STEAD_IS_IMPORT_DIALOG (self));

  stead_import_dialog_import_clicked (self);
}

gboolean
stead_import_dialog_is_busy (SteadImportDialog *self)
{
  g_return_val_if_fail (STEAD_IS_IMPORT_DIALOG (self), FALSE);

  return self->cancellable != NULL || self->check_source != 0;
}

/**
 * stead_import_dialog_get_format:
 * @self: the dialog
 *
 * Returns: (nullable): the id of the format chosen
 */
const char *
stead_import_dialog_get_format (SteadImportDialog *self)
{
  g_return_val_if_fail (STEAD_IS_IMPORT_DIALOG (self), NULL);

  return self->importer != NULL ? stead_importer_get_id (self->importer) : NULL;
}

/**
 * stead_import_dialog_get_format_note:
 * @self: the dialog
 *
 * Returns: what the dialog says under the format (the candidates when
 *   several fit the file), or ""
 */
const char *
stead_import_dialog_get_format_note (SteadImportDialog *self)
{
  const char *note;

  g_return_val_if_fail (STEAD_IS_IMPORT_DIALOG (self), NULL);

  note = adw_action_row_get_subtitle (ADW_ACTION_ROW (self->format_row));
  return note != NULL ? note : "";
}

/**
 * stead_import_dialog_get_option_row:
 * @self: the dialog
 * @key: an option of the chosen format
 *
 * Returns: (transfer none) (nullable): the row that sets it
 */
GtkWidget *
stead_import_dialog_get_option_row (SteadImportDialog *self,
                                    const char        *key)
{
  g_return_val_if_fail (STEAD_IS_IMPORT_DIALOG (self), NULL);

  for (guint i = 0; i < self->option_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->option_rows, i);

      if (g_strcmp0 (g_object_get_data (G_OBJECT (row), OPTION_KEY), key) == 0)
        return row;
    }
  return NULL;
}

/**
 * stead_import_dialog_get_summary:
 * @self: the dialog
 *
 * Returns: what the check said: its sentence, then its details
 */
char *
stead_import_dialog_get_summary (SteadImportDialog *self)
{
  g_return_val_if_fail (STEAD_IS_IMPORT_DIALOG (self), NULL);

  return g_strdup_printf ("%s\n%s",
                          adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->summary_row)),
                          adw_action_row_get_subtitle (self->summary_row));
}
