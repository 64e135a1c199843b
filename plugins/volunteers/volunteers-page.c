/* volunteers-page.c: the Volunteers page
 *
 * The register (volunteers-page.ui) as a kit record page: 100,000
 * volunteers filtered in the register's query (skill, role, deployable,
 * a check or training expiring, affiliation), never by a filter function.
 * Names and contacts are personal: only while the show-personal-data
 * setting allows it is a volunteer named; otherwise by badge number or as
 * "Volunteer 123", and the personal fields are left out of the details.
 * Its views: requests and offers, the task board, the reception centre's
 * intake and donated goods (volunteers-*-view.c), each reachable from the
 * empty register too. Who is deployable is worked out in a thread on a
 * reader of the workspace, the list keeping what it shows until then.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "volunteers"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "volunteers.h"
#include "volunteers-page.h"

struct _VolunteersPage
{
  SteadPage        parent_instance;

  SteadRecordPage *records;
  SteadFieldGroup *fields;
  SteadFieldGroup *personal_fields;   /* only while personal data may be shown */
  GtkMenuButton   *more_filters;
  GtkDropDown     *skill_filter;
  GtkDropDown     *role_filter;
  GtkDropDown     *deployable_filter;
  GtkDropDown     *expiring_filter;
  GtkDropDown     *affiliation_filter;
  GtkToggleButton *list_toggle;
  GtkToggleButton *queues_toggle;
  GtkToggleButton *board_toggle;
  GtkToggleButton *intake_toggle;
  GtkToggleButton *donations_toggle;
  VolunteersQueuesView *queues;
  VolunteersBoardView  *board;
  VolunteersIntakeView *intake;
  VolunteersDonationsView *donations;
  AdwPreferencesGroup  *alerts_group;
  GtkListBox      *alerts;
  AdwActionRow    *readiness_row;
  SteadRecordList *skills;
  SteadRecordList *training;
  SteadRecordList *insurance;
  SteadRecordList *ppe;
  SteadRecordList *availability;
  SteadRecordList *exceptions;
  VolunteersChild  adding;

  SteadWorkspace  *workspace;
  SteadQueryModel *volunteers;
  GSettings       *settings;
  GtkSpinner      *deployable_spinner;
  char            *deployable_ids;   /* JSON, while no change makes it stale */
  GCancellable    *deployable_cancel; /* while worked out off the main thread */
  gboolean         show_personal;
  gboolean         resetting;
};

G_DEFINE_FINAL_TYPE (VolunteersPage, volunteers_page, STEAD_TYPE_PAGE)

/* ------------------------------------------------------------------------ */
/* The detail's child records                                                */

static const SteadField volunteers_page_skill_fields[] = {
  { "label", .label = N_("Skill") },
  { "role", .label = N_("Role") },
  { "skill", .flags = STEAD_FIELD_INTERNAL },
};

static const SteadRecordInfo volunteers_page_skill_info = {
  .kind = "volunteer-skill", .owner = VOLUNTEERS_OWNER, .title_field = "label",
  .fields = volunteers_page_skill_fields, .n_fields = G_N_ELEMENTS (volunteers_page_skill_fields),
  .edit_summary = N_("Edit a volunteer’s skill"),
};

STEAD_DEFINE_RECORD_TYPE (VolunteersSkillItem, volunteers_skill_item, &volunteers_page_skill_info)

static const char volunteers_page_skills_sql[] =
  "SELECT s.rowid AS id, s.skill, coalesce (t.label, s.skill) AS label, p.label AS role "
  "FROM volunteers_skill s "
  "LEFT JOIN taxonomy t ON t.vocabulary = 'skill' AND t.code = s.skill "
  "LEFT JOIN taxonomy p ON p.vocabulary = 'skill' AND p.code = t.parent "
  "WHERE s.volunteer = ?1 ORDER BY t.sort, label";

/* The readiness records' lists, by vready's child kinds. */
static const struct
{
  const char     *list;
  VolunteersChild child;
  const char     *add_title;
  const char     *removed;
} volunteers_page_children[] = {
  { "training", VOLUNTEERS_CHILD_TRAINING, N_("Add Training"), N_("Training removed") },
  { "insurance", VOLUNTEERS_CHILD_INSURANCE, N_("Add Insurance"), N_("Insurance removed") },
  { "ppe", VOLUNTEERS_CHILD_PPE, N_("Record Equipment Issued"), N_("Equipment record removed") },
  { "availability", VOLUNTEERS_CHILD_AVAILABILITY, N_("Add Weekly Availability"),
    N_("Availability removed") },
  { "exceptions", VOLUNTEERS_CHILD_EXCEPTION, N_("Add Away or Extra Dates"),
    N_("Dates removed") },
};

/* ------------------------------------------------------------------------ */
/* The register and its filters                                              */

/* ?1 show personal data, ?2 skill, ?3 role, ?4 deployable (0 any, 1 yes,
 * 2 no), ?5 expiring within days (0 any), ?6 affiliation, ?7 "Badge %s",
 * ?8 "Volunteer %d", ?9 the deployable volunteers' ids as a JSON array
 * (vready's rules, worked out in C when the filter asks). */
static const char volunteers_page_register_sql[] =
  "SELECT v.fid AS id, "
  "  CASE WHEN ?1 THEN v.name "
  "       WHEN v.badge_number IS NOT NULL AND v.badge_number != '' "
  "         THEN printf (?7, v.badge_number) "
  "       ELSE printf (?8, v.fid) END AS name, "
  "  CASE WHEN ?1 THEN v.phone END AS phone, CASE WHEN ?1 THEN v.email END AS email, "
  "  CASE WHEN ?1 THEN v.postcode END AS postcode, v.radius_km, v.travel, "
  "  v.languages, v.affiliation, v.organisation, v.mutual_aid, v.dbs_level, v.dbs_scheme, "
  "  CASE WHEN ?1 THEN v.dbs_number END AS dbs_number, "
  "  CASE WHEN ?1 THEN v.dbs_date END AS dbs_date, v.id_checked, v.badge_number, "
  "  v.badge_issued, v.badge_returned, CASE WHEN ?1 THEN v.emergency_name END AS emergency_name, "
  "  CASE WHEN ?1 THEN v.emergency_phone END AS emergency_phone, v.status, v.consent, v.review, "
  "  (SELECT group_concat (coalesce (t.label, s.skill), ', ') FROM volunteers_skill s "
  "   LEFT JOIN taxonomy t ON t.vocabulary = 'skill' AND t.code = s.skill "
  "   WHERE s.volunteer = v.fid) AS skills, "
  "  ST_MinX (v.geom) AS longitude, ST_MinY (v.geom) AS latitude "
  "FROM volunteers_volunteer v "
  "WHERE (?2 = '' OR EXISTS (SELECT 1 FROM volunteers_skill s "
  "                          WHERE s.volunteer = v.fid AND s.skill = ?2)) "
  "  AND (?3 = '' OR EXISTS (SELECT 1 FROM volunteers_skill s "
  "                          JOIN taxonomy t ON t.vocabulary = 'skill' AND t.code = s.skill "
  "                          WHERE s.volunteer = v.fid AND (t.code = ?3 OR t.parent = ?3))) "
  "  AND (?4 = 0 OR (?4 = 1) = (v.fid IN (SELECT value FROM json_each (?9)))) "
  "  AND (?5 = 0 "
  "       OR date (v.dbs_date, '+3 years') BETWEEN date ('now', 'localtime') "
  "          AND date ('now', 'localtime', '+' || ?5 || ' days') "
  "       OR EXISTS (SELECT 1 FROM volunteers_training t WHERE t.volunteer = v.fid "
  "                  AND t.expires BETWEEN date ('now', 'localtime') "
  "                  AND date ('now', 'localtime', '+' || ?5 || ' days')) "
  "       OR EXISTS (SELECT 1 FROM volunteers_insurance i WHERE i.volunteer = v.fid "
  "                  AND i.expires BETWEEN date ('now', 'localtime') "
  "                  AND date ('now', 'localtime', '+' || ?5 || ' days'))) "
  "  AND (?6 = '' OR v.affiliation = ?6) "
  "ORDER BY CASE WHEN ?1 THEN v.name END COLLATE NOCASE, v.fid";

static const SteadChoice volunteers_page_deployable[] = {
  { "", N_("Deployable or not") },
  { "1", N_("Deployable now") },
  { "2", N_("Not deployable") },
  { NULL },
};

static const SteadChoice volunteers_page_expiring[] = {
  { "", N_("Any time or never") },
  { "7", N_("Within 7 days") },
  { "30", N_("Within 30 days") },
  { "90", N_("Within 90 days") },
  { NULL },
};

static const char *
volunteers_page_filter_code (GtkDropDown *dropdown)
{
  SteadTerm *term = gtk_drop_down_get_selected_item (dropdown);

  return term != NULL ? stead_term_get_code (term) : "";
}

/* "All …" first, then @terms. */
static GListModel *
volunteers_page_with_all (GListModel *terms,
                          const char *all_label)
{
  g_autoptr(GListStore) heads = g_list_store_new (G_TYPE_LIST_MODEL);
  g_autoptr(GListStore) first = g_list_store_new (STEAD_TYPE_TERM);
  g_autoptr(SteadTerm) all = stead_term_new ("", all_label, NULL);

  g_list_store_append (first, all);
  g_list_store_append (heads, first);
  g_list_store_append (heads, terms);
  return G_LIST_MODEL (gtk_flatten_list_model_new (G_LIST_MODEL (g_steal_pointer (&heads))));
}

static void
volunteers_page_set_choices (GtkDropDown *dropdown,
                             GListModel  *terms)
{
  g_autoptr(GtkExpression) label = gtk_property_expression_new (STEAD_TYPE_TERM, NULL, "label");

  gtk_drop_down_set_expression (dropdown, label);
  gtk_drop_down_set_model (dropdown, terms);
}

/* The Filters button says how many of its filters are on. */
static void
volunteers_page_show_filters (VolunteersPage *self)
{
  GtkDropDown *filters[] = { self->skill_filter, self->role_filter, self->deployable_filter,
                             self->expiring_filter, self->affiliation_filter };
  guint on = 0;
  g_autofree char *label = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
    on += *volunteers_page_filter_code (filters[i]) != '\0';
  if (on == 0)
    label = g_strdup (_("_Filters"));
  else
    /* TRANSLATORS: the Volunteers page's filter button, with how many filters are on */
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "_Filters (%u)", "_Filters (%u)", on),
                             on);
  gtk_menu_button_set_label (self->more_filters, label);
  gtk_menu_button_set_use_underline (self->more_filters, TRUE);
}

/* The ids of the volunteers deployable now, as a JSON array: worked out
 * on a reader of the workspace in a thread (0.6 s at 100,000 volunteers),
 * the list keeping what it shows, and saying so, until they are known. */
static void
volunteers_page_deployable_thread (GTask        *task,
                                   gpointer      source_object,
                                   gpointer      task_data,
                                   GCancellable *cancellable)
{
  GError *error = NULL;
  g_autoptr(GPtrArray) all = volunteers_readiness_all_reader (task_data, NULL, cancellable,
                                                              &error);
  GString *json;

  if (all == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  json = g_string_new ("[");
  for (guint i = 0; i < all->len; i++)
    {
      VolunteersReadiness *readiness = g_ptr_array_index (all, i);

      if (readiness->deployable)
        g_string_append_printf (json, "%s%" G_GINT64_FORMAT, json->len > 1 ? "," : "",
                                readiness->volunteer);
    }
  g_string_append_c (json, ']');
  g_task_return_pointer (task, g_string_free (json, FALSE), g_free);
}

static void volunteers_page_refilter (VolunteersPage *self);

static void
volunteers_page_close_reader (gpointer db)
{
  sqlite3_close (db);
}

static void
volunteers_page_show_working (VolunteersPage *self,
                              gboolean        working)
{
  gtk_spinner_set_spinning (self->deployable_spinner, working);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->deployable_spinner),
                               working ? _("Working out who is deployable now…") : NULL);
}

static void
volunteers_page_deployable_done (GObject      *source_object,
                                 GAsyncResult *result,
                                 gpointer      user_data)
{
  g_autoptr(VolunteersPage) self = user_data;
  g_autoptr(GError) error = NULL;
  char *ids = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;   /* a newer one is on its way */
  g_clear_object (&self->deployable_cancel);
  volunteers_page_show_working (self, FALSE);
  if (ids == NULL)
    {
      stead_record_page_show_error (self->records, error);
      return;
    }
  g_free (self->deployable_ids);
  self->deployable_ids = ids;
  volunteers_page_refilter (self);
}

static void
volunteers_page_deployable_start (VolunteersPage *self)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  if (self->deployable_cancel != NULL)
    g_cancellable_cancel (self->deployable_cancel);
  g_clear_object (&self->deployable_cancel);
  db = stead_workspace_open_reader (self->workspace, &error);
  if (db == NULL)
    {
      stead_record_page_show_error (self->records, error);
      return;
    }
  self->deployable_cancel = g_cancellable_new ();
  task = g_task_new (NULL, self->deployable_cancel, volunteers_page_deployable_done,
                     g_object_ref (self));
  g_task_set_source_tag (task, volunteers_page_deployable_start);
  g_task_set_task_data (task, db, volunteers_page_close_reader);
  volunteers_page_show_working (self, TRUE);
  g_task_run_in_thread (task, volunteers_page_deployable_thread);
}

static void
volunteers_page_refilter (VolunteersPage *self)
{
  gint64 deployable;

  if (self->volunteers == NULL || self->resetting)
    return;
  deployable = g_ascii_strtoll (volunteers_page_filter_code (self->deployable_filter), NULL, 10);
  volunteers_page_show_filters (self);
  if (deployable != 0 && self->deployable_ids == NULL)
    {
      /* The list keeps what it shows until the ids are known; then every
       * filter as it is then. */
      if (self->deployable_cancel == NULL)
        volunteers_page_deployable_start (self);
      return;
    }
  if (deployable == 0 && self->deployable_cancel != NULL)
    {
      g_cancellable_cancel (self->deployable_cancel);
      g_clear_object (&self->deployable_cancel);
      volunteers_page_show_working (self, FALSE);
    }
  stead_query_model_set_params (
    self->volunteers,
    STEAD_ARGS (STEAD_INT (self->show_personal),
                STEAD_STRING (volunteers_page_filter_code (self->skill_filter)),
                STEAD_STRING (volunteers_page_filter_code (self->role_filter)),
                STEAD_INT (deployable),
                STEAD_INT (g_ascii_strtoll (volunteers_page_filter_code (self->expiring_filter),
                                            NULL, 10)),
                STEAD_STRING (volunteers_page_filter_code (self->affiliation_filter)),
                /* TRANSLATORS: a volunteer named by their badge number, personal data hidden */
                STEAD_STRING (_("Badge %s")),
                /* TRANSLATORS: a volunteer named by their number, personal data hidden */
                STEAD_STRING (_("Volunteer %d")),
                STEAD_STRING (deployable != 0 ? self->deployable_ids : "[]")));
}

/* An edit may make volunteers deployable or not: worked out again (the
 * query's own tables reload it, but with the ids it was given). */
static void
volunteers_page_count (VolunteersPage *self)
{
  gint64 total = stead_workspace_count_rows (self->workspace, "volunteers_volunteer");

  /* Empty (and saying how to start) only with no volunteer at all; else
   * "none matches" when the filters leave none. */
  stead_record_page_set_n_records (self->records, (int) MIN (total, G_MAXINT));
}

static void
volunteers_page_on_changed (VolunteersPage     *self,
                            const char * const *tables)
{
  if (self->records != NULL && stead_tables_have (tables, "volunteers_volunteer"))
    volunteers_page_count (self);
  g_clear_pointer (&self->deployable_ids, g_free);
  /* What is being worked out may predate the change: again. */
  if (self->deployable_cancel != NULL)
    {
      g_cancellable_cancel (self->deployable_cancel);
      g_clear_object (&self->deployable_cancel);
    }
  if (self->deployable_filter != NULL &&
      *volunteers_page_filter_code (self->deployable_filter) != '\0')
    volunteers_page_refilter (self);
}

static void
volunteers_page_on_reset_filters (VolunteersPage *self)
{
  GtkDropDown *filters[] = { self->skill_filter, self->role_filter, self->deployable_filter,
                             self->expiring_filter, self->affiliation_filter };

  self->resetting = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
    gtk_drop_down_set_selected (filters[i], 0);
  self->resetting = FALSE;
  volunteers_page_refilter (self);
}

/* ------------------------------------------------------------------------ */
/* The selected volunteer                                                    */

static gint64
volunteers_page_selected_id (VolunteersPage *self)
{
  SteadRecord *record = stead_record_page_get_selected (self->records);

  return record != NULL ? stead_record_get_id (record) : 0;
}

static void
volunteers_page_done (VolunteersPage *self,
                      gboolean        ok,
                      const GError   *error,
                      const char     *message)
{
  if (!ok)
    stead_record_page_show_error (self->records, error);
  else if (message != NULL)
    stead_record_page_toast_undo (self->records, message);
}

/* Deployable or not, for which roles, and each reason when not. */
static void
volunteers_page_show_readiness (VolunteersPage *self,
                                gint64          id)
{
  g_autoptr(VolunteersReadiness) readiness = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reasons = NULL;
  g_autoptr(GString) subtitle = g_string_new (NULL);

  if (id == 0)
    return;
  readiness = volunteers_readiness_get (self->workspace, id, NULL, &error);
  if (readiness == NULL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->readiness_row),
                                     _("Readiness unknown"));
      adw_action_row_set_subtitle (self->readiness_row, error != NULL ? error->message : "");
      return;
    }
  if (readiness->roles_ready != NULL && readiness->roles_ready[0] != NULL)
    {
      g_autoptr(GString) roles = g_string_new (NULL);

      for (guint i = 0; readiness->roles_ready[i] != NULL; i++)
        {
          g_autofree char *label = stead_workspace_get_term_label (self->workspace, "skill",
                                                                   readiness->roles_ready[i]);

          g_string_append_printf (roles, "%s%s", i > 0 ? ", " : "",
                                  label != NULL ? label : readiness->roles_ready[i]);
        }
      /* TRANSLATORS: the roles a volunteer may be deployed for now */
      g_string_append_printf (subtitle, _("Ready for: %s"), roles->str);
    }
  reasons = volunteers_readiness_describe (readiness);
  if (reasons != NULL)
    g_string_append_printf (subtitle, "%s%s", subtitle->len > 0 ? "\n" : "", reasons);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->readiness_row),
                                 readiness->deployable ? _("Deployable now")
                                                       : _("Not deployable"));
  adw_action_row_set_subtitle (self->readiness_row, subtitle->str);
  adw_action_row_set_icon_name (self->readiness_row,
                                readiness->deployable ? "emblem-ok-symbolic"
                                                      : "dialog-warning-symbolic");
}

/* The selected volunteer's checks, training and insurance falling due
 * within the workspace's warning days, or passed. */
static void
volunteers_page_show_alerts (VolunteersPage *self,
                             gint64          id)
{
  g_autoptr(GPtrArray) alerts = NULL;
  GtkWidget *child;
  guint n = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->alerts))) != NULL)
    gtk_list_box_remove (self->alerts, child);
  alerts = id != 0 ? volunteers_expiry_alerts (self->workspace, NULL, NULL) : NULL;
  for (guint i = 0; alerts != NULL && i < alerts->len; i++)
    {
      VolunteersAlert *alert = g_ptr_array_index (alerts, i);
      GtkWidget *row;

      if (alert->volunteer != id)
        continue;
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), alert->text);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), alert->due);
      adw_action_row_set_icon_name (ADW_ACTION_ROW (row),
                                    alert->days < 0 ? "dialog-warning-symbolic"
                                                    : "alarm-symbolic");
      gtk_list_box_append (self->alerts, row);
      n++;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->alerts_group), n > 0);
}

static SteadRecordList *
volunteers_page_child_list (VolunteersPage *self,
                            guint           i)
{
  SteadRecordList *lists[] = { self->training, self->insurance, self->ppe, self->availability,
                               self->exceptions };

  return lists[i];
}

static void
volunteers_page_on_selected (VolunteersPage *self)
{
  gint64 id = volunteers_page_selected_id (self);

  if (self->workspace == NULL)
    return;
  stead_field_group_set_record (self->fields, stead_record_page_get_selected (self->records));
  stead_field_group_set_record (self->personal_fields,
                                self->show_personal
                                  ? stead_record_page_get_selected (self->records) : NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->personal_fields), self->show_personal && id != 0);

  if (!stead_record_list_follow (self->skills, id))
    {
      g_autoptr(SteadQueryModel) skills = stead_query_model_new (
        self->workspace, volunteers_skill_item_get_type (), volunteers_page_skills_sql,
        VOLUNTEERS_TABLES);

      stead_query_model_set_params (skills, STEAD_ARGS (STEAD_INT (id)));
      stead_record_list_set_model (self->skills, G_LIST_MODEL (skills));
    }
  for (guint i = 0; i < G_N_ELEMENTS (volunteers_page_children); i++)
    {
      SteadRecordList *list = volunteers_page_child_list (self, i);

      if (!stead_record_list_follow (list, id))
        {
          g_autoptr(SteadQueryModel) children =
            volunteers_children_new (self->workspace, volunteers_page_children[i].child, id);

          stead_record_list_set_model (list, G_LIST_MODEL (children));
        }
    }
  volunteers_page_show_readiness (self, id);
  volunteers_page_show_alerts (self, id);
}

/* The readiness records: added by a form of vready's fields, removed by a
 * row's button; one undo step each. */
static gboolean
volunteers_page_save_child (SteadForm  *form,
                            gpointer    user_data,
                            GError    **error)
{
  VolunteersPage *self = user_data;
  const SteadRecordInfo *info = &volunteers_child_info[self->adding];
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GPtrArray) values = g_ptr_array_new ();

  for (guint f = 0; f < info->n_fields; f++)
    if (!(info->fields[f].flags & STEAD_FIELD_INTERNAL))
      {
        g_ptr_array_add (names, (gpointer) info->fields[f].name);
        g_ptr_array_add (values, (gpointer) stead_form_get_text (form, info->fields[f].name));
      }
  g_ptr_array_add (names, NULL);
  g_ptr_array_add (values, NULL);
  return volunteers_child_add (self->workspace, self->adding, volunteers_page_selected_id (self),
                               (const char * const *) names->pdata,
                               (const char * const *) values->pdata, error) > 0;
}

static void
volunteers_page_on_add_child (SteadRecordList *list,
                              VolunteersPage  *self)
{
  guint i = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (list), "child"));
  const SteadRecordInfo *info = &volunteers_child_info[volunteers_page_children[i].child];

  self->adding = volunteers_page_children[i].child;
  stead_form_present (stead_form_new (GTK_WIDGET (self->records),
                                      _(volunteers_page_children[i].add_title), NULL,
                                      info->fields, info->n_fields, NULL, NULL, NULL,
                                      self->workspace, volunteers_page_save_child, self, NULL));
}

static void
volunteers_page_on_remove_child (SteadRecordList *list,
                                 SteadRecord     *record,
                                 VolunteersPage  *self)
{
  guint i = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (list), "child"));
  g_autoptr(GError) error = NULL;
  gboolean ok = volunteers_child_remove (self->workspace, volunteers_page_children[i].child,
                                         stead_record_get_id (record), &error);

  volunteers_page_done (self, ok, error, _(volunteers_page_children[i].removed));
}

/* ------------------------------------------------------------------------ */
/* Edits                                                                     */

static const SteadField volunteers_page_new_fields[] = {
  { "name", .required = TRUE, .label = N_("Name") },
  { "postcode", .label = N_("Home Postcode") },
};

static gboolean
volunteers_page_save_new (SteadForm  *form,
                          gpointer    user_data,
                          GError    **error)
{
  VolunteersPage *self = user_data;
  gint64 id = volunteers_volunteer_add (stead_form_get_workspace (form),
                                        stead_form_get_text (form, "name"),
                                        stead_form_get_text (form, "postcode"), error);

  if (id <= 0)
    return FALSE;
  stead_record_page_reveal (self->records, id);
  stead_record_page_toast_undo (self->records, _("Volunteer registered"));
  return TRUE;
}

static void
volunteers_page_on_add (VolunteersPage *self)
{
  stead_form_present (stead_form_new (GTK_WIDGET (self->records), _("Register Volunteer"),
                                      _("Their name and where they live. Add their skills, "
                                        "checks and training in their details."),
                                      volunteers_page_new_fields,
                                      G_N_ELEMENTS (volunteers_page_new_fields), NULL, NULL, NULL,
                                      self->workspace, volunteers_page_save_new, self, NULL));
}

static const SteadField volunteers_page_add_skill_fields[] = {
  { "skill", .required = TRUE, .type = STEAD_FIELD_TERM, .vocabulary = "skill",
    .label = N_("Skill or Role") },
};

static gboolean
volunteers_page_save_skill (SteadForm  *form,
                            gpointer    user_data,
                            GError    **error)
{
  VolunteersPage *self = user_data;

  return stead_workspace_edit (self->workspace, VOLUNTEERS_OWNER, _("Add a volunteer’s skill"),
                               "INSERT OR IGNORE INTO volunteers_skill (volunteer, skill) "
                               "VALUES (?1, ?2)",
                               STEAD_ARGS (STEAD_INT (volunteers_page_selected_id (self)),
                                           STEAD_STRING (stead_form_get_text (form, "skill"))),
                               error) > 0;
}

static void
volunteers_page_add_skill (VolunteersPage *self)
{
  stead_form_present (stead_form_new (GTK_WIDGET (self->records), _("Add a Skill"),
                                      _("A skill or role from the partnership’s list."),
                                      volunteers_page_add_skill_fields,
                                      G_N_ELEMENTS (volunteers_page_add_skill_fields), NULL, NULL,
                                      NULL, self->workspace, volunteers_page_save_skill, self,
                                      NULL));
}

static void
volunteers_page_remove_skill (VolunteersPage *self,
                              SteadRecord    *skill)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = stead_workspace_edit (self->workspace, VOLUNTEERS_OWNER,
                                      _("Remove a volunteer’s skill"),
                                      "DELETE FROM volunteers_skill WHERE volunteer = ?1 "
                                      "AND skill = ?2",
                                      STEAD_ARGS (STEAD_INT (volunteers_page_selected_id (self)),
                                                  STEAD_STRING (stead_record_get_string (skill,
                                                                                         "skill"))),
                                      &error) > 0;

  volunteers_page_done (self, ok, error, _("Skill removed"));
}

/* ------------------------------------------------------------------------ */
/* Views and personal data                                                   */

static void
volunteers_page_on_view_toggled (VolunteersPage *self)
{
  const char *view = gtk_toggle_button_get_active (self->queues_toggle)   ? "queues"
                     : gtk_toggle_button_get_active (self->board_toggle)  ? "board"
                     : gtk_toggle_button_get_active (self->intake_toggle) ? "intake"
                     : gtk_toggle_button_get_active (self->donations_toggle) ? "donations"
                                                                             : "list";

  if (self->workspace != NULL)
    volunteers_page_count (self);
  stead_record_page_show_view (self->records, view);
  if (g_str_equal (view, "intake"))
    volunteers_intake_view_focus (self->intake);
}

/* volunteers.view ("list", "queues", "board", "intake", "donations"): from the empty
 * state, which has no view buttons. */
static void
volunteers_page_on_view_action (GSimpleAction *action,
                                GVariant      *parameter,
                                gpointer       user_data)
{
  VolunteersPage *self = user_data;
  const char *view = g_variant_get_string (parameter, NULL);
  GtkToggleButton *toggle = g_str_equal (view, "queues")   ? self->queues_toggle
                            : g_str_equal (view, "board")  ? self->board_toggle
                            : g_str_equal (view, "intake") ? self->intake_toggle
                            : g_str_equal (view, "donations") ? self->donations_toggle
                                                              : self->list_toggle;

  gtk_toggle_button_set_active (toggle, TRUE);
}

/* volunteers.assign-all: Assign All Open Requests…, over the requests. */
static void
volunteers_page_on_assign_all (GSimpleAction *action,
                               GVariant      *parameter,
                               gpointer       user_data)
{
  VolunteersPage *self = user_data;

  gtk_toggle_button_set_active (self->queues_toggle, TRUE);
  gtk_widget_activate_action (GTK_WIDGET (self->queues), "queues.assign-all", NULL);
}

static void
volunteers_page_on_show_personal (VolunteersPage *self)
{
  self->show_personal = g_settings_get_boolean (self->settings, "show-personal-data");
  volunteers_page_refilter (self);
  volunteers_page_on_selected (self);
  volunteers_queues_view_set_workspace (self->queues, self->workspace, self->show_personal);
}

static void
volunteers_page_load (SteadPage      *page,
                      SteadWorkspace *workspace)
{
  VolunteersPage *self = VOLUNTEERS_PAGE (page);
  GApplication *app = g_application_get_default ();
  g_autoptr(GListModel) skills = stead_vocabulary_new (workspace, "skill");
  g_autoptr(GListModel) roles = stead_terms_new_for_query (
    workspace, "SELECT code, label, description FROM taxonomy WHERE vocabulary = ?1 "
    "AND parent IS NULL ORDER BY sort, label", "skill", STEAD_STRV ("taxonomy"));
  g_autoptr(GListModel) affiliations = stead_choices_model_new (volunteers_affiliations);
  g_autoptr(GListModel) deployable = stead_choices_model_new (volunteers_page_deployable);
  g_autoptr(GListModel) expiring = stead_choices_model_new (volunteers_page_expiring);
  g_autoptr(GListModel) skill_terms = volunteers_page_with_all (skills, _("Any skill"));
  g_autoptr(GListModel) role_terms = volunteers_page_with_all (roles, _("Any role"));
  g_autoptr(GListModel) affiliation_terms = volunteers_page_with_all (affiliations,
                                                                      _("Any affiliation"));

  self->workspace = workspace;   /* the page's, for as long as it lives */
  if (STEAD_IS_APPLICATION (app))
    {
      self->settings = g_object_ref (stead_application_get_settings (STEAD_APPLICATION (app)));
      g_signal_connect_object (self->settings, "changed::show-personal-data",
                               G_CALLBACK (volunteers_page_on_show_personal), self,
                               G_CONNECT_SWAPPED);
      self->show_personal = g_settings_get_boolean (self->settings, "show-personal-data");
    }
  self->resetting = TRUE;
  volunteers_page_set_choices (self->skill_filter, skill_terms);
  volunteers_page_set_choices (self->role_filter, role_terms);
  volunteers_page_set_choices (self->deployable_filter, deployable);
  volunteers_page_set_choices (self->expiring_filter, expiring);
  volunteers_page_set_choices (self->affiliation_filter, affiliation_terms);
  self->resetting = FALSE;

  stead_record_page_set_workspace (self->records, workspace);
  g_signal_connect_object (workspace, "changed", G_CALLBACK (volunteers_page_on_changed), self,
                           G_CONNECT_SWAPPED);
  self->volunteers = stead_query_model_new (workspace, VOLUNTEERS_TYPE_VOLUNTEER,
                                            volunteers_page_register_sql, VOLUNTEERS_TABLES);
  volunteers_page_refilter (self);
  stead_record_page_set_model (self->records, G_LIST_MODEL (self->volunteers));
  volunteers_page_count (self);
  volunteers_queues_view_set_workspace (self->queues, workspace, self->show_personal);
  volunteers_board_view_set_workspace (self->board, workspace);
  volunteers_intake_view_set_workspace (self->intake, workspace);
  volunteers_donations_view_set_workspace (self->donations, workspace);
}

static gboolean
volunteers_page_show (SteadPage  *page,
                      const char *kind,
                      gint64      id)
{
  if (!g_str_equal (kind, "volunteer"))
    return FALSE;
  stead_record_page_reveal (VOLUNTEERS_PAGE (page)->records, id);
  return TRUE;
}

static void
volunteers_page_dispose (GObject *object)
{
  VolunteersPage *self = VOLUNTEERS_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), VOLUNTEERS_TYPE_PAGE);
  g_clear_object (&self->volunteers);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->deployable_ids, g_free);
  if (self->deployable_cancel != NULL)
    g_cancellable_cancel (self->deployable_cancel);
  g_clear_object (&self->deployable_cancel);
  G_OBJECT_CLASS (volunteers_page_parent_class)->dispose (object);
}

static void
volunteers_page_class_init (VolunteersPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = volunteers_page_dispose;
  STEAD_PAGE_CLASS (klass)->load = volunteers_page_load;
  STEAD_PAGE_CLASS (klass)->show = volunteers_page_show;
  g_type_ensure (VOLUNTEERS_TYPE_QUEUES_VIEW);
  g_type_ensure (VOLUNTEERS_TYPE_BOARD_VIEW);
  g_type_ensure (VOLUNTEERS_TYPE_INTAKE_VIEW);
  g_type_ensure (VOLUNTEERS_TYPE_DONATIONS_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/steadapp/Stead/plugins/volunteers/"
                                               "volunteers-page.ui");
  gtk_widget_class_bind_template_child (widget_class, VolunteersPage, records);
  gtk_widget_class_bind_template_child (widget_class, VolunteersPage, fields);
  gtk_widget_class_bind_template_child (widget_class, VolunteersPage, personal_fields);
  gtk_widget_class_bind_template_child (widget_class, VolunteersPage, more_filters);
  gtk_widget_class_bind_template_child (widget_class, VolunteersPage, skill_filter);
  gtk_widget_class_bind_template_child (widget_class, VolunteersPage, role_filter);
  gtk_widget_class_bind_template_child (widget_class, VolunteersPage, deployable_filter);
  gtk_widget_class_bind_template_child (widget_class, VolunteersPage, expiring_filter);
  gtk_widget_class_bind_template_child (widget_class, VolunteersPage, affiliation_filter);
  gtk_widget_class_bind_template_child (widget_class, VolunteersPage, list_toggle);
  gtk_widget_class_bind_template_child (widget_class, VolunteersPage, queues_toggle);
  gtk_widget_class_bind_template_child (widget_class, VolunteersPage, board_toggle);
  gtk_widget_class_bind_template_child (widget_class, VolunteersPage, intake_toggle);
  gtk_widget_class_bind_template_child (widget_class, VolunteersPage, queues);
  gtk_widget_class_bind_template_child (widget_class, VolunteersPage, board);
  gtk_widget_class_bind_template_child (widget_class, VolunteersPage, intake);
  gtk_widget_class_bind_template_child (widget_class, VolunteersPage, donations);
  gtk_widget_class_bind_template_child (widget_class, VolunteersPage, donations_toggle);
  gtk_widget_class_bind_template_child (widget_class, VolunteersPage, deployable_spinner);
  gtk_widget_class_bind_template_child (widget_class, VolunteersPage, alerts_group);
  gtk_widget_class_bind_template_child (widget_class, VolunteersPage, alerts);
  gtk_widget_class_bind_template_child (widget_class, VolunteersPage, readiness_row);
  gtk_widget_class_bind_template_child (widget_class, VolunteersPage, skills);
  gtk_widget_class_bind_template_child (widget_class, VolunteersPage, training);
  gtk_widget_class_bind_template_child (widget_class, VolunteersPage, insurance);
  gtk_widget_class_bind_template_child (widget_class, VolunteersPage, ppe);
  gtk_widget_class_bind_template_child (widget_class, VolunteersPage, availability);
  gtk_widget_class_bind_template_child (widget_class, VolunteersPage, exceptions);
  gtk_widget_class_bind_template_callback (widget_class, volunteers_page_on_add);
  gtk_widget_class_bind_template_callback (widget_class, volunteers_page_on_reset_filters);
  gtk_widget_class_bind_template_callback (widget_class, volunteers_page_on_selected);
  gtk_widget_class_bind_template_callback (widget_class, volunteers_page_refilter);
  gtk_widget_class_bind_template_callback (widget_class, volunteers_page_on_view_toggled);
  gtk_widget_class_bind_template_callback (widget_class, volunteers_page_add_skill);
  gtk_widget_class_bind_template_callback (widget_class, volunteers_page_remove_skill);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
volunteers_page_init (VolunteersPage *self)
{
  g_autoptr(GSimpleActionGroup) actions = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) view = g_simple_action_new ("view", G_VARIANT_TYPE_STRING);
  g_autoptr(GSimpleAction) assign_all = g_simple_action_new ("assign-all", NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (view, "activate", G_CALLBACK (volunteers_page_on_view_action), self,
                           0);
  g_action_map_add_action (G_ACTION_MAP (actions), G_ACTION (view));
  g_signal_connect_object (assign_all, "activate", G_CALLBACK (volunteers_page_on_assign_all),
                           self, 0);
  g_action_map_add_action (G_ACTION_MAP (actions), G_ACTION (assign_all));
  gtk_widget_insert_action_group (GTK_WIDGET (self), "volunteers", G_ACTION_GROUP (actions));
  for (guint i = 0; i < G_N_ELEMENTS (volunteers_page_children); i++)
    {
      SteadRecordList *list = volunteers_page_child_list (self, i);

      g_object_set_data (G_OBJECT (list), "child", GUINT_TO_POINTER (i));
      g_signal_connect_object (list, "add", G_CALLBACK (volunteers_page_on_add_child), self, 0);
      g_signal_connect_object (list, "remove", G_CALLBACK (volunteers_page_on_remove_child), self,
                               0);
    }
}
