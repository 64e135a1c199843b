/* volunteers-assign-dialog.c: Assign All Open Requests…, shown before
 * anything changes
 *
 * The optimal assignment (volunteers_match_run) is read and run in a
 * thread on a reader of the workspace, a spinner turning and Cancel
 * dropping it; then the dialog says what it would do — assigned N of M,
 * K unmet and why, the distance in all — and Apply offers the tasks
 * through the tasking partner chosen (only partners whose agreement
 * allows tasking are offered) as one undo step, with a toast to undo it.
 * A change to the register or the requests while it is shown makes it
 * stale: Apply is then refused. Also the tasking partner row the queues'
 * suggestions use.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "volunteers"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "volunteers.h"
#include "volunteers-page.h"

/* How many of the unmet requests the dialog works out the reasons for. */
#define VOLUNTEERS_ASSIGN_MAX_REASONED 300

static int
volunteers_assign_partner_compare (gconstpointer a,
                            gconstpointer b)
{
  return g_utf8_collate (*(const char * const *) a, *(const char * const *) b);
}

/* The tasking partner row: organisations whose agreement allows tasking
 * now, by name; @prefer first chosen when it is one of them. */
GtkWidget *
volunteers_partner_row_new (SteadWorkspace *workspace,
                            gint64          prefer)
{
  g_autoptr(GHashTable) tasking = volunteers_tasking_organisations (workspace, NULL);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) sorted = g_ptr_array_new_with_free_func (g_free);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GtkWidget *row = adw_combo_row_new ();
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, tasking);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      gint64 id = *(gint64 *) key;
      g_autofree char *name = stead_workspace_get_record_title (workspace, "organisation", id);

      if (name != NULL)
        g_ptr_array_add (sorted, g_strdup_printf ("%s\x1f%" G_GINT64_FORMAT, name, id));
    }
  g_ptr_array_sort (sorted, volunteers_assign_partner_compare);
  for (guint i = 0; i < sorted->len; i++)
    {
      const char *entry = g_ptr_array_index (sorted, i);
      const char *sep = strchr (entry, '\x1f');
      g_autofree char *name = g_strndup (entry, sep - entry);
      gint64 id = g_ascii_strtoll (sep + 1, NULL, 10);

      gtk_string_list_append (names, name);
      g_array_append_val (ids, id);
    }
  gtk_widget_set_name (row, "tasking-partner");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Tasking Partner"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               _("Only partners whose agreement allows tasking volunteers"));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (names));
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == prefer)
      adw_combo_row_set_selected (ADW_COMBO_ROW (row), i);
  g_object_set_data_full (G_OBJECT (row), "ids", ids, (GDestroyNotify) g_array_unref);
  gtk_widget_set_sensitive (row, ids->len > 0);
  return row;
}

/* The partner chosen, or 0 when none may task. */
gint64
volunteers_partner_row_get (GtkWidget *row)
{
  GArray *ids = g_object_get_data (G_OBJECT (row), "ids");
  guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (row));

  return ids != NULL && selected < ids->len ? g_array_index (ids, gint64, selected) : 0;
}

/* Refuses, saying what to do, when no partner may task: whether one may. */
gboolean
volunteers_assign_check_partners (GtkWidget      *parent,
                                  SteadWorkspace *workspace)
{
  g_autoptr(GHashTable) tasking = volunteers_tasking_organisations (workspace, NULL);
  GtkWidget *dialog;

  if (g_hash_table_size (tasking) > 0)
    return TRUE;
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (parent)),
                                   _("No Partner May Task Volunteers"),
                                   _("Volunteers are tasked only through a partner "
                                     "organisation whose active agreement allows tasking, and "
                                     "none has one now. Record such an agreement on the "
                                     "Partners page, then assign again. Nothing was changed."));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
  return FALSE;
}

typedef struct
{
  GtkWidget        *parent;      /* the queues view, for its page's toasts (weak) */
  SteadWorkspace   *workspace;
  AdwMessageDialog *dialog;
  GtkWidget        *spinner;
  GtkWidget        *status;
  GtkWidget        *result;      /* the group shown once done */
  GtkWidget        *assigned_row;
  GtkWidget        *unmet_row;
  GtkWidget        *distance_row;
  GtkWidget        *partner_row;
  GCancellable     *cancellable;
  VolunteersMatch  *match;
  gboolean          stale;
} VolunteersAssign;

typedef struct
{
  VolunteersMatch *match;
  guint            rules[VOLUNTEERS_MATCH_N_RULES];
  guint            reasoned;
} VolunteersAssignResult;

static void
volunteers_assign_result_free (gpointer data)
{
  VolunteersAssignResult *result = data;

  g_clear_pointer (&result->match, volunteers_match_free);
  g_free (result);
}

static void
volunteers_assign_free (gpointer data)
{
  VolunteersAssign *self = data;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->workspace != NULL)
    g_signal_handlers_disconnect_by_data (self->workspace, self);
  g_clear_object (&self->workspace);
  g_clear_weak_pointer (&self->parent);
  g_clear_pointer (&self->match, volunteers_match_free);
  g_free (self);
}

static void
volunteers_assign_close_reader (gpointer db)
{
  sqlite3_close (db);
}

static void
volunteers_assign_thread (GTask        *task,
                          gpointer      source,
                          gpointer      task_data,
                          GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;
  VolunteersAssignResult *result = g_new0 (VolunteersAssignResult, 1);

  result->match = volunteers_match_new_reader (task_data, 0, cancellable, &error);
  if (result->match == NULL)
    {
      volunteers_assign_result_free (result);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  volunteers_match_run (result->match, STEAD_MATCH_OPTIMAL);
  result->reasoned = volunteers_match_count_unmet (result->match, result->rules,
                                                   VOLUNTEERS_ASSIGN_MAX_REASONED, cancellable);
  if (g_cancellable_set_error_if_cancelled (cancellable, &error))
    {
      volunteers_assign_result_free (result);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, result, volunteers_assign_result_free);
}

/* Why requests stay unmet, most first: "9 with no volunteer within reach". */
static char *
volunteers_assign_describe_unmet (const VolunteersAssignResult *result,
                                  guint                         unmet)
{
  static const char * const why[VOLUNTEERS_MATCH_N_RULES] = {
    NULL,
    N_("no volunteer within reach"),
    N_("the nearest lacks a needed skill"),
    N_("the nearest lacks the DBS check needed"),
    N_("regulated activity: the nearest is not barred-list checked"),
    N_("the nearest has no training in date"),
    N_("the nearest is not insured for the activity"),
    N_("the nearest is not available in the window"),
    N_("everyone eligible is needed more elsewhere"),
  };
  g_autoptr(GString) text = g_string_new (NULL);
  gboolean done[VOLUNTEERS_MATCH_N_RULES] = { FALSE, };

  for (guint shown = 0; shown < 3; shown++)
    {
      guint best = 0;

      for (guint i = 1; i < VOLUNTEERS_MATCH_N_RULES; i++)
        if (!done[i] && result->rules[i] > 0 &&
            (best == 0 || result->rules[i] > result->rules[best]))
          best = i;
      if (best == 0)
        break;
      done[best] = TRUE;
      if (text->len > 0)
        g_string_append (text, "; ");
      /* TRANSLATORS: how many unmet requests for one reason: "9: no volunteer within reach" */
      g_string_append_printf (text, _("%u: %s"), result->rules[best], _(why[best]));
    }
  if (result->reasoned < unmet)
    /* TRANSLATORS: after the reasons, when only the first unmet requests were looked at */
    g_string_append_printf (text, _(" (of the first %u unmet)"), result->reasoned);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
volunteers_assign_done (GObject      *source,
                        GAsyncResult *async,
                        gpointer      user_data)
{
  VolunteersAssign *self = g_object_get_data (source, "assign");
  g_autoptr(GError) error = NULL;
  VolunteersAssignResult *result = g_task_propagate_pointer (G_TASK (async), &error);
  g_autofree char *assigned = NULL;
  g_autofree char *unmet = NULL;
  g_autofree char *reasons = NULL;
  g_autofree char *distance = NULL;
  guint n, got;

  if (self == NULL || g_cancellable_is_cancelled (self->cancellable) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (result != NULL)
        volunteers_assign_result_free (result);
      return;
    }
  gtk_spinner_stop (GTK_SPINNER (self->spinner));
  gtk_widget_set_visible (self->spinner, FALSE);
  if (result == NULL)
    {
      gtk_label_set_text (GTK_LABEL (self->status), error->message);
      return;
    }
  self->match = g_steal_pointer (&result->match);
  n = volunteers_match_get_n_requests (self->match);
  got = volunteers_match_get_n_assigned (self->match);
  assigned = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Assigned %u of %u open request",
                                           "Assigned %u of %u open requests", n), got, n);
  unmet = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u unmet", "%u unmet", n - got),
                           n - got);
  reasons = n > got ? volunteers_assign_describe_unmet (result, n - got)
                    : g_strdup (_("Every open request has a volunteer"));
  /* TRANSLATORS: the assignment's total distance, volunteers' homes to requests */
  distance = g_strdup_printf (_("%.1f km"), volunteers_match_get_distance_km (self->match));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->assigned_row), assigned);
  adw_action_row_set_subtitle (
    ADW_ACTION_ROW (self->assigned_row),
    _("The least total distance, as few unmet as possible, most urgent first"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->unmet_row), unmet);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->unmet_row), reasons);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->distance_row), distance);
  gtk_label_set_text (GTK_LABEL (self->status),
                      got > 0 ? _("Nothing is changed until you apply it: then each is "
                                  "offered through the tasking partner chosen below (only "
                                  "partners whose agreement allows tasking are listed).")
                              : _("No open request can be given a volunteer now."));
  gtk_widget_set_visible (self->result, TRUE);
  adw_message_dialog_set_response_enabled (self->dialog, "apply", got > 0 && !self->stale);
  volunteers_assign_result_free (result);
}

static void
volunteers_assign_on_changed (VolunteersAssign   *self,
                              const char * const *tables)
{
  if (!stead_tables_have (tables, "volunteers_request") &&
      !stead_tables_have (tables, "volunteers_task") &&
      !stead_tables_have (tables, "volunteers_volunteer") &&
      !stead_tables_have (tables, "partners_agreement"))
    return;
  self->stale = TRUE;
  adw_message_dialog_set_response_enabled (self->dialog, "apply", FALSE);
  gtk_label_set_text (GTK_LABEL (self->status),
                      _("The requests or the register changed meanwhile: close this and assign "
                        "again."));
}

static void
volunteers_assign_on_response (AdwMessageDialog *dialog,
                               const char       *response,
                               gpointer          user_data)
{
  VolunteersAssign *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  GtkWidget *page;
  guint made = 0;

  /* The dialog goes: nothing of it may be touched after. */
  g_signal_handlers_disconnect_by_data (self->workspace, self);
  if (!g_str_equal (response, "apply") || self->match == NULL || self->stale)
    {
      g_cancellable_cancel (self->cancellable);
      return;
    }
  page = self->parent != NULL ? gtk_widget_get_ancestor (self->parent, STEAD_TYPE_RECORD_PAGE)
                              : NULL;
  if (!volunteers_match_apply_by (self->match, self->workspace,
                                  volunteers_partner_row_get (self->partner_row), &made, &error))
    {
      if (page != NULL)
        stead_record_page_show_error (STEAD_RECORD_PAGE (page), error);
      return;
    }
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u request offered to a volunteer",
                                          "%u requests offered to volunteers", made), made);
  if (page != NULL)
    stead_record_page_toast_undo (STEAD_RECORD_PAGE (page), message);
}

static GtkWidget *
volunteers_assign_row (GtkWidget  *group,
                       const char *name,
                       const char *title)
{
  GtkWidget *row = adw_action_row_new ();

  gtk_widget_set_name (row, name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return row;
}

/* Assign All Open Requests…: refused, saying why, when no partner may
 * task volunteers. */
void
volunteers_assign_dialog_present (GtkWidget      *parent,
                                  SteadWorkspace *workspace)
{
  VolunteersAssign *self;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *busy = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  sqlite3 *db;

  if (!volunteers_assign_check_partners (parent, workspace))
    return;
  db = stead_workspace_open_reader (workspace, &error);
  if (db == NULL)
    {
      GtkWidget *page = gtk_widget_get_ancestor (parent, STEAD_TYPE_RECORD_PAGE);

      if (page != NULL)
        stead_record_page_show_error (STEAD_RECORD_PAGE (page), error);
      return;
    }

  self = g_new0 (VolunteersAssign, 1);
  g_set_weak_pointer (&self->parent, parent);
  self->workspace = g_object_ref (workspace);
  self->cancellable = g_cancellable_new ();
  self->dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
    GTK_WINDOW (gtk_widget_get_root (parent)), _("Assign All Open Requests"),
    _("Every open request with a place and no task, matched with the eligible volunteers at "
      "the least total distance.")));
  gtk_widget_set_name (GTK_WIDGET (self->dialog), "assign-all");
  gtk_window_set_default_size (GTK_WINDOW (self->dialog), 520, -1);
  adw_message_dialog_add_responses (self->dialog, "cancel", _("_Cancel"),
                                    "apply", _("_Apply"), NULL);
  adw_message_dialog_set_response_appearance (self->dialog, "apply",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (self->dialog, "apply", FALSE);
  adw_message_dialog_set_default_response (self->dialog, "cancel");
  adw_message_dialog_set_close_response (self->dialog, "cancel");

  self->spinner = gtk_spinner_new ();
  gtk_widget_set_name (self->spinner, "assign-progress");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->spinner), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Matching volunteers with requests"), -1);
  gtk_spinner_start (GTK_SPINNER (self->spinner));
  self->status = gtk_label_new (_("Matching volunteers with the open requests…"));
  gtk_widget_set_name (self->status, "assign-status");
  gtk_label_set_wrap (GTK_LABEL (self->status), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->status), 0);
  gtk_box_append (GTK_BOX (busy), self->spinner);
  gtk_box_append (GTK_BOX (busy), self->status);
  gtk_box_append (GTK_BOX (box), busy);

  self->result = adw_preferences_group_new ();
  gtk_widget_set_visible (self->result, FALSE);
  self->assigned_row = volunteers_assign_row (self->result, "assigned", "");
  self->unmet_row = volunteers_assign_row (self->result, "unmet", "");
  self->distance_row = volunteers_assign_row (self->result, "distance", _("Distance in All"));
  self->partner_row = volunteers_partner_row_new (workspace, 0);
  /* The dialog is narrow: the partner's name takes the room, the status says the rest. */
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->partner_row), "");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->result), self->partner_row);
  gtk_box_append (GTK_BOX (box), self->result);
  adw_message_dialog_set_extra_child (self->dialog, box);

  g_object_set_data_full (G_OBJECT (self->dialog), "assign", self, volunteers_assign_free);
  g_signal_connect (self->dialog, "response", G_CALLBACK (volunteers_assign_on_response), self);
  g_signal_connect_swapped (workspace, "changed", G_CALLBACK (volunteers_assign_on_changed),
                            self);

  task = g_task_new (self->dialog, self->cancellable, volunteers_assign_done, NULL);
  g_task_set_source_tag (task, volunteers_assign_dialog_present);
  g_task_set_task_data (task, db, volunteers_assign_close_reader);
  g_task_run_in_thread (task, volunteers_assign_thread);
  gtk_window_present (GTK_WINDOW (self->dialog));
}
