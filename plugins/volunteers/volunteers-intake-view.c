/* volunteers-intake-view.c: the reception centre's intake form
 *
 * Spontaneous volunteers turning up at a reception centre, taken in by
 * keyboard alone: name, contact (a phone number or an email address),
 * postcode, skills (labels or codes separated by commas), ID seen and
 * briefing given. Enter moves to the next field; on Save (Enter again) the
 * person is added as one undo step and the form clears for the next.
 * Bad input says what is wrong and adds nobody: a contact must have the
 * form of an email address or of a phone number, kept in its own column.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "volunteers"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "volunteers.h"
#include "volunteers-page.h"

struct _VolunteersIntakeView
{
  GtkWidget       parent_instance;

  GtkWidget      *scroller;
  GtkWidget      *name;
  GtkWidget      *contact;
  GtkWidget      *postcode;
  GtkWidget      *skills;
  GtkWidget      *id_seen;
  GtkWidget      *briefed;
  GtkWidget      *save;
  GtkLabel       *status;

  SteadWorkspace *workspace;
  guint           n_added;
};

G_DEFINE_FINAL_TYPE (VolunteersIntakeView, volunteers_intake_view, GTK_TYPE_WIDGET)

static void
volunteers_intake_view_say (VolunteersIntakeView *self,
                            const char           *message,
                            gboolean              is_error)
{
  gtk_label_set_text (self->status, message);
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->status), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status), "error");
}

/* The skills typed, as codes of taxonomy 'skill'; NULL and @error if one
 * is not a skill of the list. */
static GPtrArray *
volunteers_intake_view_skills (VolunteersIntakeView  *self,
                               GError               **error)
{
  g_auto(GStrv) parts = g_strsplit_set (gtk_editable_get_text (GTK_EDITABLE (self->skills)),
                                        ",;", -1);
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *text = g_strstrip (parts[i]);
      char *code;

      if (*text == '\0')
        continue;
      code = stead_workspace_lookup_term (self->workspace, "skill", text);
      if (code == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("“%s” is not a skill of the partnership’s list"), text);
          return NULL;
        }
      g_ptr_array_add (codes, code);
    }
  return g_steal_pointer (&codes);
}

/* An email address: one @ with something before it, a dotted domain
 * after, no spaces. */
static gboolean
volunteers_intake_view_is_email (const char *text)
{
  const char *at = strchr (text, '@');
  const char *dot;

  if (at == NULL || at == text || strchr (at + 1, '@') != NULL || strpbrk (text, " \t") != NULL)
    return FALSE;
  dot = strrchr (at + 1, '.');
  return dot != NULL && dot > at + 1 && dot[1] != '\0';
}

/* A phone number: digits with spaces, dashes, brackets or a leading +;
 * 7 to 15 digits (the international plan's most). */
static gboolean
volunteers_intake_view_is_phone (const char *text)
{
  guint digits = 0;

  for (const char *c = text; *c != '\0'; c++)
    {
      if (g_ascii_isdigit (*c))
        digits++;
      else if (*c == '+' ? c != text : strchr (" -()", *c) == NULL)
        return FALSE;
    }
  return digits >= 7 && digits <= 15;
}

static gint64
volunteers_intake_view_add (VolunteersIntakeView  *self,
                            GError               **error)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name))));
  g_autofree char *contact = g_strstrip (g_strdup (gtk_editable_get_text (
    GTK_EDITABLE (self->contact))));
  const char *postcode = gtk_editable_get_text (GTK_EDITABLE (self->postcode));
  gboolean is_email = volunteers_intake_view_is_email (contact);
  g_autoptr(GPtrArray) skills = NULL;
  g_autoptr(SteadGeometry) point = NULL;
  g_autoptr(SteadTransaction) txn = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  double lon, lat;
  gint64 id;

  if (*name == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("Their name is needed"));
      return 0;
    }
  if (*contact != '\0' && !is_email && !volunteers_intake_view_is_phone (contact))
    {
      /* Not echoed: the message stays on the screen of a busy reception centre. */
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The contact is neither a phone number (such as 07700 900123) nor "
                             "an email address (such as name@example.org)"));
      return 0;
    }
  if (*postcode != '\0')
    {
      if (!stead_workspace_lookup_postcode (self->workspace, postcode, &lon, &lat))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("“%s” is not a postcode of the workspace’s directory"), postcode);
          return 0;
        }
      point = stead_geometry_new_point (lon, lat);
    }
  skills = volunteers_intake_view_skills (self, error);
  if (skills == NULL)
    return 0;

  txn = stead_workspace_begin (self->workspace, VOLUNTEERS_OWNER,
                               _("Register a spontaneous volunteer"), error);
  if (txn == NULL)
    return 0;
  id = stead_transaction_run (
    txn,
    "INSERT INTO volunteers_volunteer (geom, name, phone, email, postcode, affiliation, "
    "  status, id_checked, registered, extra) "
    "VALUES (?1, ?2, ?3, ?4, ?5, 'spontaneous', 'active', ?6, "
    "        strftime ('%Y-%m-%dT%H:%M:%fZ', 'now'), "
    "        CASE WHEN ?8 THEN json_object ('briefed', ?7) END)",
    STEAD_ARGS (point != NULL ? STEAD_GEOMETRY (point) : STEAD_NULL, STEAD_STRING (name),
                is_email ? STEAD_NULL : STEAD_TEXT (contact),
                is_email ? STEAD_TEXT (contact) : STEAD_NULL, STEAD_TEXT (postcode),
                gtk_check_button_get_active (GTK_CHECK_BUTTON (self->id_seen))
                  ? STEAD_STRING (today) : STEAD_NULL,
                STEAD_STRING (today),
                STEAD_INT (gtk_check_button_get_active (GTK_CHECK_BUTTON (self->briefed)))),
    error);
  if (id <= 0)
    return 0;
  for (guint i = 0; i < skills->len; i++)
    if (stead_transaction_run (txn,
                               "INSERT OR IGNORE INTO volunteers_skill (volunteer, skill) "
                               "VALUES (?1, ?2)",
                               STEAD_ARGS (STEAD_INT (id),
                                           STEAD_STRING (g_ptr_array_index (skills, i))),
                               error) < 0)
      return 0;
  if (!stead_transaction_commit (g_steal_pointer (&txn), error))
    return 0;
  return id;
}

static void
volunteers_intake_view_clear (VolunteersIntakeView *self)
{
  GtkWidget *entries[] = { self->name, self->contact, self->postcode, self->skills };

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    gtk_editable_set_text (GTK_EDITABLE (entries[i]), "");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (self->id_seen), FALSE);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (self->briefed), FALSE);
  gtk_widget_grab_focus (self->name);
}

static void
volunteers_intake_view_on_save (VolunteersIntakeView *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  GtkWidget *page;
  gint64 id;

  if (self->workspace == NULL)
    return;
  id = volunteers_intake_view_add (self, &error);
  if (id <= 0)
    {
      volunteers_intake_view_say (self, error != NULL ? error->message : "", TRUE);
      return;
    }
  self->n_added++;
  /* Not the name: the message stays on the screen of a busy reception centre. */
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Volunteer %" G_GINT64_FORMAT " added · %u taken in "
                                          "this session",
                                          "Volunteer %" G_GINT64_FORMAT " added · %u taken in "
                                          "this session", self->n_added),
                             id, self->n_added);
  volunteers_intake_view_say (self, message, FALSE);
  page = gtk_widget_get_ancestor (GTK_WIDGET (self), STEAD_TYPE_RECORD_PAGE);
  if (page != NULL)
    stead_record_page_toast_undo (STEAD_RECORD_PAGE (page), _("Volunteer added"));
  volunteers_intake_view_clear (self);
}

/* Enter moves on to the next field (the last one, Save, saves). */
static void
volunteers_intake_view_next (VolunteersIntakeView *self,
                             GtkWidget            *from)
{
  GtkWidget *order[] = { self->name, self->contact, self->postcode, self->skills,
                         self->id_seen, self->briefed, self->save };

  for (guint i = 0; i + 1 < G_N_ELEMENTS (order); i++)
    if (order[i] == from)
      {
        gtk_widget_grab_focus (order[i + 1]);
        return;
      }
}

static void
volunteers_intake_view_on_activated (GtkWidget            *entry,
                                     VolunteersIntakeView *self)
{
  volunteers_intake_view_next (self, entry);
}

static gboolean
volunteers_intake_view_on_check_key (GtkEventControllerKey *controller,
                                     guint                  keyval,
                                     guint                  keycode,
                                     GdkModifierType        state,
                                     VolunteersIntakeView  *self)
{
  if (keyval != GDK_KEY_Return && keyval != GDK_KEY_KP_Enter && keyval != GDK_KEY_ISO_Enter)
    return FALSE;
  volunteers_intake_view_next (self,
                               gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller)));
  return TRUE;
}

/* Ready for the next person: the name field focused. */
void
volunteers_intake_view_focus (VolunteersIntakeView *self)
{
  g_return_if_fail (VOLUNTEERS_IS_INTAKE_VIEW (self));

  gtk_widget_grab_focus (self->name);
}

void
volunteers_intake_view_set_workspace (VolunteersIntakeView *self,
                                      SteadWorkspace       *workspace)
{
  g_return_if_fail (VOLUNTEERS_IS_INTAKE_VIEW (self));

  self->workspace = workspace;
  self->n_added = 0;
}

static GtkWidget *
volunteers_intake_view_entry (VolunteersIntakeView *self,
                              GtkWidget            *group,
                              const char           *name,
                              const char           *title)
{
  GtkWidget *row = adw_entry_row_new ();

  gtk_widget_set_name (row, name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  g_signal_connect (row, "entry-activated", G_CALLBACK (volunteers_intake_view_on_activated),
                    self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return row;
}

static GtkWidget *
volunteers_intake_view_check (VolunteersIntakeView *self,
                              GtkWidget            *group,
                              const char           *name,
                              const char           *title,
                              const char           *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_widget_set_name (check, name);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  {
    g_autoptr(GString) plain = g_string_new (title);

    g_string_replace (plain, "_", "", 0);
    gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    plain->str, -1);
  }
  /* Before the check's own Enter (which would tick it). */
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (volunteers_intake_view_on_check_key), self);
  gtk_widget_add_controller (check, keys);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return check;
}

static void
volunteers_intake_view_dispose (GObject *object)
{
  VolunteersIntakeView *self = VOLUNTEERS_INTAKE_VIEW (object);

  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  G_OBJECT_CLASS (volunteers_intake_view_parent_class)->dispose (object);
}

static void
volunteers_intake_view_class_init (VolunteersIntakeViewClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = volunteers_intake_view_dispose;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
}

static void
volunteers_intake_view_init (VolunteersIntakeView *self)
{
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *checks = adw_preferences_group_new ();
  GtkWidget *status = gtk_label_new (NULL);

  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 600);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 24);
  gtk_widget_set_margin_bottom (box, 24);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), clamp);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group),
                                   _("Spontaneous Volunteer Reception"));
  adw_preferences_group_set_description (
    ADW_PREFERENCES_GROUP (group),
    _("Take in the people who turn up to help. Enter moves to the next field; "
      "Save adds them and clears the form for the next person."));
  gtk_box_append (GTK_BOX (box), group);
  self->name = volunteers_intake_view_entry (self, group, "intake-name", _("_Name"));
  self->contact = volunteers_intake_view_entry (self, group, "intake-contact",
                                                _("_Contact (phone or email)"));
  self->postcode = volunteers_intake_view_entry (self, group, "intake-postcode",
                                                 _("_Home Postcode"));
  self->skills = volunteers_intake_view_entry (self, group, "intake-skills",
                                               _("S_kills (separated by commas)"));
  gtk_box_append (GTK_BOX (box), checks);
  self->id_seen = volunteers_intake_view_check (self, checks, "intake-id-seen", _("_ID Seen"),
                                                _("An identity document was checked"));
  self->briefed = volunteers_intake_view_check (self, checks, "intake-briefed",
                                                _("_Briefing Given"),
                                                _("Safety, role and who to report to"));

  self->save = gtk_button_new_with_mnemonic (_("_Save and Next"));
  gtk_widget_set_name (self->save, "intake-save");
  gtk_widget_set_halign (self->save, GTK_ALIGN_END);
  gtk_widget_add_css_class (self->save, "suggested-action");
  gtk_widget_add_css_class (self->save, "pill");
  g_signal_connect_swapped (self->save, "clicked", G_CALLBACK (volunteers_intake_view_on_save),
                            self);
  gtk_box_append (GTK_BOX (box), self->save);

  gtk_label_set_wrap (GTK_LABEL (status), TRUE);
  gtk_label_set_xalign (GTK_LABEL (status), 0);
  gtk_widget_set_name (status, "intake-status");
  gtk_accessible_update_property (GTK_ACCESSIBLE (status), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Intake status"), -1);
  self->status = GTK_LABEL (status);
  /* Under the fields, not the button: seen without scrolling when small. */
  gtk_box_insert_child_after (GTK_BOX (box), status, group);
}
