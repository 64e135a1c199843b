/* volunteers-board-view.c: the task board
 *
 * Tasks in columns by status (new, offered, accepted, in progress, done),
 * folding onto more lines when narrow (never scrolled sideways), each a
 * card dragged to another column (GtkDragSource/GtkDropTarget) or moved by
 * its menu, for the keyboard; the menu also logs hours and outcome, and
 * gives volunteers the task (from the matching's suggestions) or takes
 * them off it. Only a partner whose agreement allows tasking moves a task
 * on (vready's rule) or gives it volunteers. A move is one undo step and
 * records when the task reached the status. A card names the request's
 * need kind and urgency, never the person helped.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "volunteers"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "volunteers.h"
#include "volunteers-page.h"

/* The most recent cards a column shows; its header counts them all. */
#define VOLUNTEERS_BOARD_MAX_CARDS 50

struct _VolunteersBoardView
{
  GtkWidget        parent_instance;

  GtkWidget       *scroller;
  GtkWidget       *columns;
  GtkListBox      *lists[5];
  GtkLabel        *headers[5];

  SteadWorkspace  *workspace;
  SteadQueryModel *tasks;
};

G_DEFINE_FINAL_TYPE (VolunteersBoardView, volunteers_board_view, GTK_TYPE_WIDGET)

static const SteadChoice volunteers_board_statuses[] = {
  { "new", N_("New") },
  { "offered", N_("Offered") },
  { "accepted", N_("Accepted") },
  { "in-progress", N_("In Progress") },
  { "done", N_("Done") },
  { NULL },
};

static const SteadField volunteers_board_task_fields[] = {
  { "title", .label = N_("Task") },
  { "status", .type = STEAD_FIELD_CHOICE, .choices = volunteers_board_statuses,
    .label = N_("Status") },
  { "kind", .type = STEAD_FIELD_TERM, .vocabulary = "need-kind", .label = N_("Need") },
  { "urgency", .type = STEAD_FIELD_INT, .label = N_("Urgency") },
  { "people", .type = STEAD_FIELD_INT, .label = N_("People") },
  { "volunteers", .type = STEAD_FIELD_INT, .label = N_("Volunteers") },
  { "hours", .type = STEAD_FIELD_DOUBLE, .label = N_("Hours Logged") },
  { "outcome", .flags = STEAD_FIELD_MULTILINE, .label = N_("Outcome Notes") },
  { "assigned", .flags = STEAD_FIELD_INTERNAL },
};

/* What the log form asks (the task's own hours and outcome to start). */
static const SteadField volunteers_board_log_fields[] = {
  { "hours", .type = STEAD_FIELD_DOUBLE, .label = N_("Hours Logged") },
  { "outcome", .flags = STEAD_FIELD_MULTILINE, .label = N_("Outcome Notes") },
};

/* Its choices: the matching's suggestions. */
static const SteadField volunteers_board_assign_fields[] = {
  { "volunteer", .type = STEAD_FIELD_INT, .required = TRUE, .label = N_("Suggested Volunteer") },
};

/* The most suggestions the assign form offers. */
#define VOLUNTEERS_BOARD_MAX_SUGGESTIONS 30

static const SteadRecordInfo volunteers_board_task_info = {
  .kind = "volunteer-task", .owner = VOLUNTEERS_OWNER, .title_field = "title",
  .fields = volunteers_board_task_fields, .n_fields = G_N_ELEMENTS (volunteers_board_task_fields),
  .edit_summary = N_("Edit a task"),
};

STEAD_DEFINE_RECORD_TYPE (VolunteersBoardTask, volunteers_board_task, &volunteers_board_task_info)

/* ?1 "Task %d", ?2 the most cards per column. */
static const char volunteers_board_sql[] =
  "SELECT id, title, status, kind, urgency, people, volunteers, hours, outcome, assigned FROM ("
  "  SELECT t.id, printf (?1, t.id) AS title, t.status, r.kind, r.urgency, r.people, "
  "    t.hours, t.outcome, "
  "    (SELECT count (*) FROM volunteers_task_volunteer tv WHERE tv.task = t.id) AS volunteers, "
  "    (SELECT group_concat (tv.volunteer, ' ') FROM volunteers_task_volunteer tv "
  "     WHERE tv.task = t.id) AS assigned, "
  "    row_number () OVER (PARTITION BY t.status ORDER BY r.urgency, t.id DESC) AS n "
  "  FROM volunteers_task t JOIN volunteers_request r ON r.fid = t.request "
  "  WHERE t.status != 'cancelled') "
  "WHERE n <= ?2 ORDER BY urgency, id DESC";

static int
volunteers_board_column (const char *status)
{
  for (int i = 0; volunteers_board_statuses[i].code != NULL; i++)
    if (g_strcmp0 (volunteers_board_statuses[i].code, status) == 0)
      return i;
  return -1;
}

/* Only a partner whose agreement allows tasking (now) gives a task
 * volunteers (vready's move refuses offering it on likewise). */
static gboolean
volunteers_board_view_may_task (VolunteersBoardView  *self,
                                gint64                task,
                                GError              **error)
{
  gint64 organisation = stead_workspace_query_int64 (self->workspace,
                                                     "SELECT organisation FROM volunteers_task "
                                                     "WHERE id = ?1",
                                                     STEAD_ARGS (STEAD_INT (task)));
  g_autofree char *name = NULL;

  if (volunteers_organisation_can_task (self->workspace, organisation, NULL))
    return TRUE;
  name = organisation > 0 ? stead_workspace_get_record_title (self->workspace, "organisation",
                                                              organisation)
                          : NULL;
  /* TRANSLATORS: a task's move or volunteer refused; %s is the tasking partner */
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
               _("%s may not task volunteers now: no active agreement of theirs allows it"),
               name != NULL ? name : _("The task’s organisation"));
  return FALSE;
}

/* vready's state machine: a move it does not allow is refused. */
gboolean
volunteers_board_view_move (VolunteersBoardView  *self,
                            gint64                task,
                            const char           *status,
                            GError              **error)
{
  g_return_val_if_fail (VOLUNTEERS_IS_BOARD_VIEW (self), FALSE);

  if (volunteers_board_column (status) < 0 && g_strcmp0 (status, "cancelled") != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a status of a task on the board"), status);
      return FALSE;
    }
  return volunteers_task_move (self->workspace, task, status, NULL, error);
}

static void
volunteers_board_view_moved (VolunteersBoardView *self,
                             gint64               task,
                             const char          *status)
{
  GtkWidget *page = gtk_widget_get_ancestor (GTK_WIDGET (self), STEAD_TYPE_RECORD_PAGE);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!volunteers_board_view_move (self, task, status, &error))
    {
      if (page != NULL && error != NULL)
        stead_record_page_show_error (STEAD_RECORD_PAGE (page), error);
      return;
    }
  /* TRANSLATORS: a toast: a task moved to a column of the task board */
  message = g_strcmp0 (status, "cancelled") == 0
              ? g_strdup (_("Task cancelled"))
              : g_strdup_printf (_("Task moved to “%s”"),
                                 _(stead_choice_get_label (volunteers_board_statuses, status)));
  if (page != NULL)
    stead_record_page_toast_undo (STEAD_RECORD_PAGE (page), message);
}

static void
volunteers_board_view_on_move (GSimpleAction *action,
                               GVariant      *parameter,
                               gpointer       user_data)
{
  gint64 task;
  const char *status;

  g_variant_get (parameter, "(x&s)", &task, &status);
  volunteers_board_view_moved (user_data, task, status);
}

/* The log and assign forms: the task they are for. */
typedef struct
{
  VolunteersBoardView *self;
  gint64               task;
} VolunteersBoardEdit;

static VolunteersBoardEdit *
volunteers_board_edit_new (VolunteersBoardView *self,
                           gint64               task)
{
  VolunteersBoardEdit *edit = g_new0 (VolunteersBoardEdit, 1);

  edit->self = g_object_ref (self);
  edit->task = task;
  return edit;
}

static void
volunteers_board_edit_free (gpointer data)
{
  VolunteersBoardEdit *edit = data;

  g_object_unref (edit->self);
  g_free (edit);
}

static void
volunteers_board_view_toast (VolunteersBoardView *self,
                             const char          *message)
{
  GtkWidget *page = gtk_widget_get_ancestor (GTK_WIDGET (self), STEAD_TYPE_RECORD_PAGE);

  if (page != NULL)
    stead_record_page_toast_undo (STEAD_RECORD_PAGE (page), message);
}

static gboolean
volunteers_board_view_save_log (SteadForm  *form,
                                gpointer    user_data,
                                GError    **error)
{
  VolunteersBoardEdit *edit = user_data;
  double hours = -1;

  if (*stead_form_get_text (form, "hours") != '\0' &&
      !stead_form_get_double (form, "hours", &hours))
    hours = -1;
  if (!volunteers_task_log (edit->self->workspace, edit->task, hours,
                            stead_form_get_text (form, "outcome"), error))
    return FALSE;
  volunteers_board_view_toast (edit->self, _("Hours and outcome logged"));
  return TRUE;
}

static void
volunteers_board_view_on_log (GSimpleAction *action,
                              GVariant      *parameter,
                              gpointer       user_data)
{
  VolunteersBoardView *self = user_data;
  gint64 task = g_variant_get_int64 (parameter);
  SteadRecord *record = stead_query_model_lookup (self->tasks, task);
  g_autofree char *title = g_strdup_printf (_("Log Task %" G_GINT64_FORMAT), task);

  stead_form_present (stead_form_new (GTK_WIDGET (self), title,
                                      _("The hours the volunteers gave, and what came of it."),
                                      volunteers_board_log_fields,
                                      G_N_ELEMENTS (volunteers_board_log_fields), NULL, record,
                                      NULL, self->workspace, volunteers_board_view_save_log,
                                      volunteers_board_edit_new (self, task),
                                      volunteers_board_edit_free));
}

static gboolean
volunteers_board_view_save_assign (SteadForm  *form,
                                   gpointer    user_data,
                                   GError    **error)
{
  VolunteersBoardEdit *edit = user_data;

  if (!volunteers_board_view_may_task (edit->self, edit->task, error) ||
      !volunteers_task_assign (edit->self->workspace, edit->task,
                               stead_form_get_int (form, "volunteer", 0), TRUE, error))
    return FALSE;
  volunteers_board_view_toast (edit->self, _("Volunteer given the task"));
  return TRUE;
}

static void
volunteers_board_view_on_assign (GSimpleAction *action,
                                 GVariant      *parameter,
                                 gpointer       user_data)
{
  VolunteersBoardView *self = user_data;
  GtkWidget *page = gtk_widget_get_ancestor (GTK_WIDGET (self), STEAD_TYPE_RECORD_PAGE);
  gint64 task = g_variant_get_int64 (parameter);
  g_autofree char *title = g_strdup_printf (_("Assign Task %" G_GINT64_FORMAT), task);
  gint64 request = stead_workspace_query_int64 (self->workspace,
                                                "SELECT request FROM volunteers_task "
                                                "WHERE id = ?1", STEAD_ARGS (STEAD_INT (task)));
  g_autoptr(GPtrArray) reasons = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GListStore) choices = g_list_store_new (STEAD_TYPE_TERM);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) fids = volunteers_match_suggest (self->workspace, request, reasons, &error);
  SteadForm *form;

  for (guint i = 0; fids != NULL && i < fids->len &&
       g_list_model_get_n_items (G_LIST_MODEL (choices)) < VOLUNTEERS_BOARD_MAX_SUGGESTIONS; i++)
    {
      gint64 fid = g_array_index (fids, gint64, i);
      g_autofree char *code = NULL;
      g_autofree char *label = NULL;
      g_autoptr(SteadTerm) term = NULL;

      if (stead_workspace_query_int64 (self->workspace,
                                       "SELECT count (*) FROM volunteers_task_volunteer "
                                       "WHERE task = ?1 AND volunteer = ?2",
                                       STEAD_ARGS (STEAD_INT (task), STEAD_INT (fid))) > 0)
        continue;
      const char *reason = g_ptr_array_index (reasons, i);
      g_autofree char *first = g_strndup (reason, strcspn (reason, ",;"));

      code = g_strdup_printf ("%" G_GINT64_FORMAT, fid);
      /* TRANSLATORS: a suggested volunteer, by number (names are personal), and
       * the first part of why ("1.2 km away") */
      label = g_strdup_printf (_("Volunteer %" G_GINT64_FORMAT ": %s"), fid, first);
      term = stead_term_new (code, label, reason);
      g_list_store_append (choices, term);
    }
  if (g_list_model_get_n_items (G_LIST_MODEL (choices)) == 0)
    {
      if (error == NULL)
        g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                             _("No other volunteer is eligible for this task’s request now"));
      if (page != NULL)
        stead_record_page_show_error (STEAD_RECORD_PAGE (page), error);
      return;
    }
  form = stead_form_new (GTK_WIDGET (self), title,
                         _("The volunteers the matching suggests for the task’s request, "
                           "nearest first."),
                         volunteers_board_assign_fields,
                         G_N_ELEMENTS (volunteers_board_assign_fields), NULL, NULL, NULL,
                         self->workspace, volunteers_board_view_save_assign,
                         volunteers_board_edit_new (self, task), volunteers_board_edit_free);
  stead_form_set_choices (form, "volunteer", G_LIST_MODEL (choices));
  stead_form_present (form);
}

static void
volunteers_board_view_on_unassign (GSimpleAction *action,
                                   GVariant      *parameter,
                                   gpointer       user_data)
{
  VolunteersBoardView *self = user_data;
  GtkWidget *page = gtk_widget_get_ancestor (GTK_WIDGET (self), STEAD_TYPE_RECORD_PAGE);
  g_autoptr(GError) error = NULL;
  gint64 task, volunteer;

  g_variant_get (parameter, "(xx)", &task, &volunteer);
  if (volunteers_task_assign (self->workspace, task, volunteer, FALSE, &error))
    volunteers_board_view_toast (self, _("Volunteer taken off the task"));
  else if (page != NULL)
    stead_record_page_show_error (STEAD_RECORD_PAGE (page), error);
}

static GdkContentProvider *
volunteers_board_view_drag_prepare (GtkDragSource *source,
                                    double         x,
                                    double         y,
                                    GtkWidget     *card)
{
  gint64 task = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (card), "task"));

  return gdk_content_provider_new_typed (G_TYPE_INT64, task);
}

static void
volunteers_board_view_drag_begin (GtkDragSource *source,
                                  GdkDrag       *drag,
                                  GtkWidget     *card)
{
  g_autoptr(GdkPaintable) icon = gtk_widget_paintable_new (card);

  gtk_drag_source_set_icon (source, icon, 0, 0);
}

static gboolean
volunteers_board_view_drop (GtkDropTarget *target,
                            const GValue  *value,
                            double         x,
                            double         y,
                            gpointer       user_data)
{
  VolunteersBoardView *self = user_data;
  GtkWidget *list = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  const char *status = g_object_get_data (G_OBJECT (list), "status");

  if (!G_VALUE_HOLDS_INT64 (value))
    return FALSE;
  volunteers_board_view_moved (self, g_value_get_int64 (value), status);
  return TRUE;
}

/* A card: the task, its need and urgency, and a menu to move it. */
static GtkWidget *
volunteers_board_view_card (VolunteersBoardView *self,
                            SteadRecord         *task)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *menu_button = gtk_menu_button_new ();
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GString) subtitle = g_string_new (NULL);
  g_autofree char *kind = NULL;
  GtkDragSource *source;
  gint64 id = stead_record_get_id (task);
  const char *status = stead_record_get_string (task, "status");
  gint64 volunteers = stead_record_get_int (task, "volunteers");
  g_autofree char *menu_label = NULL;

  kind = stead_workspace_get_term_label (self->workspace, "need-kind",
                                         stead_record_get_string (task, "kind"));
  g_string_append (subtitle, stead_record_get_title (task));
  if (!stead_record_is_null (task, "urgency"))
    /* TRANSLATORS: a task card's urgency, 1 (most urgent) to 4 */
    g_string_append_printf (subtitle, _(" · urgency %" G_GINT64_FORMAT),
                            stead_record_get_int (task, "urgency"));
  g_string_append_c (subtitle, '\n');
  g_string_append_printf (subtitle,
                          g_dngettext (GETTEXT_PACKAGE, "%" G_GINT64_FORMAT " volunteer",
                                       "%" G_GINT64_FORMAT " volunteers", volunteers),
                          volunteers);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 kind != NULL ? kind : stead_record_get_title (task));
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  gtk_widget_set_tooltip_text (row, kind != NULL ? kind : stead_record_get_title (task));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  gtk_widget_set_name (row, stead_record_get_title (task));
  g_object_set_data (G_OBJECT (row), "task", GSIZE_TO_POINTER ((gsize) id));

  for (guint i = 0; volunteers_board_statuses[i].code != NULL; i++)
    {
      g_autoptr(GMenuItem) item = NULL;
      g_autofree char *label = NULL;

      if (!volunteers_task_move_allowed (status, volunteers_board_statuses[i].code))
        continue;
      /* TRANSLATORS: a task card's menu: move the task to a column */
      label = g_strdup_printf (_("Move to “%s”"), _(volunteers_board_statuses[i].label));
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target_value (
        item, "board.move", g_variant_new ("(xs)", id, volunteers_board_statuses[i].code));
      g_menu_append_item (menu, item);
    }
  if (g_strcmp0 (status, "done") != 0)
    {
      g_autoptr(GMenu) people = g_menu_new ();
      g_auto(GStrv) assigned = g_strsplit (stead_record_get_string (task, "assigned") != NULL
                                             ? stead_record_get_string (task, "assigned") : "",
                                           " ", -1);
      g_autoptr(GMenuItem) assign = g_menu_item_new (_("_Assign a Volunteer…"), NULL);

      g_menu_item_set_action_and_target_value (assign, "board.assign", g_variant_new_int64 (id));
      g_menu_append_item (people, assign);
      for (guint i = 0; assigned[i] != NULL; i++)
        {
          gint64 volunteer = g_ascii_strtoll (assigned[i], NULL, 10);
          g_autoptr(GMenuItem) item = NULL;
          g_autofree char *label = NULL;

          if (volunteer <= 0)
            continue;
          /* TRANSLATORS: a task card's menu: a volunteer by number, names being personal */
          label = g_strdup_printf (_("Take Volunteer %" G_GINT64_FORMAT " Off"), volunteer);
          item = g_menu_item_new (label, NULL);
          g_menu_item_set_action_and_target_value (item, "board.unassign",
                                                   g_variant_new ("(xx)", id, volunteer));
          g_menu_append_item (people, item);
        }
      g_menu_append_section (menu, NULL, G_MENU_MODEL (people));
    }
  {
    g_autoptr(GMenuItem) log = g_menu_item_new (_("_Log Hours and Outcome…"), NULL);

    g_menu_item_set_action_and_target_value (log, "board.log", g_variant_new_int64 (id));
    g_menu_append_item (menu, log);
  }
  if (volunteers_task_move_allowed (status, "cancelled"))
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_("_Cancel Task"), NULL);

      g_menu_item_set_action_and_target_value (item, "board.move",
                                               g_variant_new ("(xs)", id, "cancelled"));
      g_menu_append_item (menu, item);
    }
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (menu_button), G_MENU_MODEL (menu));
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu_button), "view-more-symbolic");
  gtk_widget_set_name (menu_button, "move-task");
  /* TRANSLATORS: the button of a task card's menu */
  menu_label = g_strdup_printf (_("Move %s"), stead_record_get_title (task));
  gtk_widget_set_tooltip_text (menu_button, _("Move, Assign or Log"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (menu_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  menu_label, -1);
  gtk_widget_set_valign (menu_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (menu_button, "flat");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), menu_button);

  source = gtk_drag_source_new ();
  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect (source, "prepare", G_CALLBACK (volunteers_board_view_drag_prepare), row);
  g_signal_connect (source, "drag-begin", G_CALLBACK (volunteers_board_view_drag_begin), row);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (source));
  return row;
}

static void
volunteers_board_view_fill (VolunteersBoardView *self)
{
  GListModel *model = G_LIST_MODEL (self->tasks);
  guint n = model != NULL ? g_list_model_get_n_items (model) : 0;

  for (guint c = 0; c < G_N_ELEMENTS (self->lists); c++)
    {
      GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->lists[c]));

      while (child != NULL)
        {
          GtkWidget *next = gtk_widget_get_next_sibling (child);

          if (GTK_IS_LIST_BOX_ROW (child))
            gtk_list_box_remove (self->lists[c], child);
          child = next;
        }
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SteadRecord) task = g_list_model_get_item (model, i);
      int c = volunteers_board_column (stead_record_get_string (task, "status"));

      if (c >= 0)
        gtk_list_box_append (self->lists[c], volunteers_board_view_card (self, task));
    }
  for (guint c = 0; c < G_N_ELEMENTS (self->lists); c++)
    {
      gint64 count = self->workspace == NULL ? 0 : stead_workspace_query_int64 (
        self->workspace, "SELECT count (*) FROM volunteers_task WHERE status = ?1",
        STEAD_ARGS (STEAD_STRING (volunteers_board_statuses[c].code)));
      /* TRANSLATORS: a task board column's header: its status and how many tasks */
      g_autofree char *header = g_strdup_printf (_("%s (%" G_GINT64_FORMAT ")"),
                                                 _(volunteers_board_statuses[c].label), count);

      gtk_label_set_text (self->headers[c], header);
    }
}

void
volunteers_board_view_set_workspace (VolunteersBoardView *self,
                                     SteadWorkspace      *workspace)
{
  g_return_if_fail (VOLUNTEERS_IS_BOARD_VIEW (self));

  self->workspace = workspace;
  g_clear_object (&self->tasks);
  if (workspace == NULL)
    return;
  self->tasks = stead_query_model_new (workspace, volunteers_board_task_get_type (),
                                       volunteers_board_sql, VOLUNTEERS_TABLES);
  /* TRANSLATORS: a task on the task board, by its number */
  stead_query_model_set_params (self->tasks,
                                STEAD_ARGS (STEAD_STRING (_("Task %d")),
                                            STEAD_INT (VOLUNTEERS_BOARD_MAX_CARDS)));
  g_signal_connect_object (self->tasks, "items-changed",
                           G_CALLBACK (volunteers_board_view_fill), self, G_CONNECT_SWAPPED);
  volunteers_board_view_fill (self);
}

static void
volunteers_board_view_dispose (GObject *object)
{
  VolunteersBoardView *self = VOLUNTEERS_BOARD_VIEW (object);

  g_clear_object (&self->tasks);
  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  G_OBJECT_CLASS (volunteers_board_view_parent_class)->dispose (object);
}

static void
volunteers_board_view_class_init (VolunteersBoardViewClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = volunteers_board_view_dispose;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
}

static void
volunteers_board_view_init (VolunteersBoardView *self)
{
  g_autoptr(GSimpleActionGroup) actions = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) move = g_simple_action_new ("move", G_VARIANT_TYPE ("(xs)"));

  static const GActionEntry entries[] = {
    { "log", volunteers_board_view_on_log, "x" },
    { "assign", volunteers_board_view_on_assign, "x" },
    { "unassign", volunteers_board_view_on_unassign, "(xx)" },
  };

  g_signal_connect (move, "activate", G_CALLBACK (volunteers_board_view_on_move), self);
  g_action_map_add_action (G_ACTION_MAP (actions), G_ACTION (move));
  g_action_map_add_action_entries (G_ACTION_MAP (actions), entries, G_N_ELEMENTS (entries), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "board", G_ACTION_GROUP (actions));

  self->scroller = gtk_scrolled_window_new ();
  /* Never sideways: the columns fold onto more lines when narrow. */
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));
  self->columns = gtk_flow_box_new ();
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (self->columns), TRUE);
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (self->columns), GTK_SELECTION_NONE);
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (self->columns), 1);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (self->columns),
                                          G_N_ELEMENTS (self->lists));
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (self->columns), 12);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (self->columns), 18);
  gtk_widget_set_valign (self->columns, GTK_ALIGN_START);
  gtk_widget_set_margin_start (self->columns, 12);
  gtk_widget_set_margin_end (self->columns, 12);
  gtk_widget_set_margin_top (self->columns, 12);
  gtk_widget_set_margin_bottom (self->columns, 12);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), self->columns);

  for (guint c = 0; c < G_N_ELEMENTS (self->lists); c++)
    {
      GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      GtkWidget *header = gtk_label_new (NULL);
      GtkWidget *list = gtk_list_box_new ();
      GtkWidget *placeholder = gtk_label_new (_("No tasks"));
      GtkDropTarget *target = gtk_drop_target_new (G_TYPE_INT64, GDK_ACTION_MOVE);

      gtk_widget_set_size_request (column, 200, -1);
      gtk_label_set_xalign (GTK_LABEL (header), 0);
      gtk_widget_add_css_class (header, "heading");
      gtk_box_append (GTK_BOX (column), header);
      gtk_widget_set_name (list, volunteers_board_statuses[c].code);
      g_object_set_data (G_OBJECT (list), "status", (gpointer) volunteers_board_statuses[c].code);
      gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
      gtk_widget_add_css_class (list, "boxed-list");
      gtk_widget_set_valign (list, GTK_ALIGN_START);
      gtk_widget_add_css_class (placeholder, "dim-label");
      gtk_widget_set_margin_top (placeholder, 12);
      gtk_widget_set_margin_bottom (placeholder, 12);
      gtk_list_box_set_placeholder (GTK_LIST_BOX (list), placeholder);
      g_signal_connect (target, "drop", G_CALLBACK (volunteers_board_view_drop), self);
      /* The whole column takes a drop; the board scrolls, not the column. */
      gtk_widget_add_controller (column, GTK_EVENT_CONTROLLER (target));
      g_object_set_data (G_OBJECT (column), "status", (gpointer) volunteers_board_statuses[c].code);
      gtk_box_append (GTK_BOX (column), list);
      gtk_flow_box_append (GTK_FLOW_BOX (self->columns), column);
      gtk_widget_set_focusable (gtk_widget_get_parent (column), FALSE);
      self->lists[c] = GTK_LIST_BOX (list);
      self->headers[c] = GTK_LABEL (header);
    }
}
