/* volunteers-donations-view.c: donated goods received and given out
 *
 * What each item holds across its offers, the offers whose goods have sat
 * unclaimed for a fortnight or more (so unsolicited donations do not pile
 * up unseen), and every offer of goods with what it holds, with Receive
 * and Give Out: a quantity (given out against a request, if one is named),
 * one undo step each. Giving out more than an offer holds is refused,
 * saying how many it holds, and changes nothing. Who offered the goods is
 * personal and never shown here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "volunteers"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "volunteers.h"
#include "volunteers-page.h"

/* The most offers listed; the group's title counts them all. */
#define VOLUNTEERS_DONATIONS_MAX_ROWS 200
/* Held this many days with nothing given out: unclaimed. */
#define VOLUNTEERS_DONATIONS_IDLE_DAYS 14

struct _VolunteersDonationsView
{
  GtkWidget            parent_instance;

  GtkWidget           *scroller;
  AdwPreferencesGroup *items_group;
  AdwPreferencesGroup *idle_group;
  AdwPreferencesGroup *offers_group;
  GtkListBox          *items;
  GtkListBox          *idle;
  GtkListBox          *offers;

  SteadWorkspace      *workspace;
  SteadQueryModel     *model;
};

G_DEFINE_FINAL_TYPE (VolunteersDonationsView, volunteers_donations_view, GTK_TYPE_WIDGET)

static const SteadField volunteers_donations_fields[] = {
  { "item", .label = N_("Item") },
  { "kind", .type = STEAD_FIELD_TERM, .vocabulary = "resource-kind", .label = N_("Kind") },
  { "held_at", .label = N_("Held At") },
  { "pledged", .type = STEAD_FIELD_INT, .label = N_("Offered") },
  { "held", .type = STEAD_FIELD_INT, .label = N_("Held") },
  { "received", .type = STEAD_FIELD_INT, .label = N_("Received") },
  { "given", .type = STEAD_FIELD_INT, .label = N_("Given Out") },
  { "idle_days", .type = STEAD_FIELD_INT, .label = N_("Days Since Last Given Out") },
};

static const SteadRecordInfo volunteers_donations_info = {
  .kind = "volunteer-donation", .owner = VOLUNTEERS_OWNER, .title_field = "item",
  .fields = volunteers_donations_fields, .n_fields = G_N_ELEMENTS (volunteers_donations_fields),
  .edit_summary = N_("Record donated goods"),
};

STEAD_DEFINE_RECORD_TYPE (VolunteersDonation, volunteers_donation, &volunteers_donations_info)

/* ?1 "Offer %d" for one with no item named (a constant LIMIT: the model
 * reads once before its parameters are set). An offer of
 * goods names an item or has had goods moved; idle_days counts from the
 * last hand-out, or the first receipt if none. */
static const char volunteers_donations_sql[] =
  "SELECT o.fid AS id, coalesce (o.item, o.description, printf (?1, o.fid)) AS item, o.kind, "
  "  o.held_at, o.quantity AS pledged, "
  "  coalesce (sum (CASE m.direction WHEN 'in' THEN m.quantity ELSE -m.quantity END), 0) "
  "    AS held, "
  "  coalesce (sum (CASE m.direction WHEN 'in' THEN m.quantity END), 0) AS received, "
  "  coalesce (sum (CASE m.direction WHEN 'out' THEN m.quantity END), 0) AS given, "
  "  CAST (julianday ('now') - julianday (coalesce (max (CASE m.direction WHEN 'out' "
  "    THEN m.time END), min (m.time))) AS INTEGER) AS idle_days "
  "FROM volunteers_offer o LEFT JOIN volunteers_movement m ON m.offer = o.fid "
  "WHERE o.item IS NOT NULL OR m.id IS NOT NULL "
  "GROUP BY o.fid ORDER BY held DESC, o.fid LIMIT " G_STRINGIFY (VOLUNTEERS_DONATIONS_MAX_ROWS);

/* ------------------------------------------------------------------------ */
/* Receive and Give Out                                                      */

static const SteadField volunteers_donations_receive_fields[] = {
  { "quantity", .type = STEAD_FIELD_INT, .required = TRUE, .min = 1, .max = 1000000,
    .label = N_("Quantity Received") },
};

static const SteadField volunteers_donations_give_fields[] = {
  { "quantity", .type = STEAD_FIELD_INT, .required = TRUE, .min = 1, .max = 1000000,
    .label = N_("Quantity Given Out") },
  { "request", .type = STEAD_FIELD_INT, .label = N_("For Request Number (optional)") },
};

typedef struct
{
  VolunteersDonationsView *self;
  gint64                   offer;
  gboolean                 out;
} VolunteersDonationsMove;

static void
volunteers_donations_move_free (gpointer data)
{
  VolunteersDonationsMove *move = data;

  g_object_unref (move->self);
  g_free (move);
}

static gboolean
volunteers_donations_view_save (SteadForm  *form,
                                gpointer    user_data,
                                GError    **error)
{
  VolunteersDonationsMove *move = user_data;
  SteadWorkspace *workspace = move->self->workspace;
  gint64 quantity = stead_form_get_int (form, "quantity", 0);
  gint64 request = move->out ? stead_form_get_int (form, "request", 0) : 0;
  GtkWidget *page;

  if (move->out)
    {
      gint64 held = volunteers_donation_balance (workspace, move->offer);

      if (quantity > held)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       g_dngettext (GETTEXT_PACKAGE,
                                    "Only %" G_GINT64_FORMAT " is held: %" G_GINT64_FORMAT
                                    " cannot be given out",
                                    "Only %" G_GINT64_FORMAT " are held: %" G_GINT64_FORMAT
                                    " cannot be given out", held),
                       held, quantity);
          return FALSE;
        }
      if (request > 0 &&
          stead_workspace_query_int64 (workspace,
                                       "SELECT count (*) FROM volunteers_request WHERE fid = ?1",
                                       STEAD_ARGS (STEAD_INT (request))) == 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                       _("There is no request %" G_GINT64_FORMAT), request);
          return FALSE;
        }
    }
  if (volunteers_movement_add (workspace, move->offer, request, move->out, quantity, error) <= 0)
    return FALSE;
  page = gtk_widget_get_ancestor (GTK_WIDGET (move->self), STEAD_TYPE_RECORD_PAGE);
  if (page != NULL)
    stead_record_page_toast_undo (STEAD_RECORD_PAGE (page),
                                  move->out ? _("Goods given out") : _("Goods received"));
  return TRUE;
}

static void
volunteers_donations_view_ask (VolunteersDonationsView *self,
                               gint64                   offer,
                               gboolean                 out)
{
  VolunteersDonationsMove *move = g_new0 (VolunteersDonationsMove, 1);
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  gint64 held = volunteers_donation_balance (self->workspace, offer);

  move->self = g_object_ref (self);
  move->offer = offer;
  move->out = out;
  /* TRANSLATORS: a form's title: goods of an offer, by its number */
  title = out ? g_strdup_printf (_("Give Out From Offer %" G_GINT64_FORMAT), offer)
              : g_strdup_printf (_("Receive Into Offer %" G_GINT64_FORMAT), offer);
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "It holds %" G_GINT64_FORMAT " now.",
                                       "It holds %" G_GINT64_FORMAT " now.", held),
                          held);
  stead_form_present (stead_form_new (GTK_WIDGET (self), title, body,
                                      out ? volunteers_donations_give_fields
                                          : volunteers_donations_receive_fields,
                                      out ? G_N_ELEMENTS (volunteers_donations_give_fields)
                                          : G_N_ELEMENTS (volunteers_donations_receive_fields),
                                      NULL, NULL, NULL, self->workspace,
                                      volunteers_donations_view_save, move,
                                      volunteers_donations_move_free));
}

static void
volunteers_donations_view_on_receive (GSimpleAction *action,
                                      GVariant      *parameter,
                                      gpointer       user_data)
{
  volunteers_donations_view_ask (user_data, g_variant_get_int64 (parameter), FALSE);
}

static void
volunteers_donations_view_on_give (GSimpleAction *action,
                                   GVariant      *parameter,
                                   gpointer       user_data)
{
  volunteers_donations_view_ask (user_data, g_variant_get_int64 (parameter), TRUE);
}

/* ------------------------------------------------------------------------ */
/* The lists                                                                 */

static void
volunteers_donations_view_clear (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL &&
         GTK_IS_LIST_BOX_ROW (child))
    gtk_list_box_remove (list, child);
}

static GtkWidget *
volunteers_donations_view_button (const char *label,
                                  const char *action,
                                  gint64      offer,
                                  const char *name)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_name (button, name);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_int64 (offer));
  return button;
}

/* An offer: what, where and how many, with Receive and Give Out. */
static GtkWidget *
volunteers_donations_view_row (VolunteersDonationsView *self,
                               SteadRecord             *donation,
                               gboolean                 buttons)
{
  GtkWidget *row = adw_action_row_new ();
  gint64 id = stead_record_get_id (donation);
  gint64 held = stead_record_get_int (donation, "held");
  const char *held_at = stead_record_get_string (donation, "held_at");
  g_autofree char *name = g_strdup_printf ("offer-%" G_GINT64_FORMAT, id);
  g_autoptr(GString) subtitle = g_string_new (NULL);

  g_string_append_printf (subtitle,
                          /* TRANSLATORS: an offer of goods: held, received, given out */
                          _("%" G_GINT64_FORMAT " held · %" G_GINT64_FORMAT " received · %"
                            G_GINT64_FORMAT " given out"),
                          held, stead_record_get_int (donation, "received"),
                          stead_record_get_int (donation, "given"));
  if (held_at != NULL && *held_at != '\0')
    /* TRANSLATORS: where donated goods are kept */
    g_string_append_printf (subtitle, _(" · at %s"), held_at);
  if (held > 0 && !stead_record_is_null (donation, "idle_days"))
    {
      gint64 days = stead_record_get_int (donation, "idle_days");

      g_string_append_c (subtitle, '\n');
      /* TRANSLATORS: donated goods held with none given out */
      g_string_append_printf (subtitle,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "none given out for %" G_GINT64_FORMAT " day",
                                           "none given out for %" G_GINT64_FORMAT " days", days),
                              days);
    }
  gtk_widget_set_name (row, name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), stead_record_get_title (donation));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  if (buttons)
    {
      GtkWidget *give = volunteers_donations_view_button (_("_Give Out…"), "donations.give", id,
                                                          "give-out");

      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 volunteers_donations_view_button (_("_Receive…"),
                                                                   "donations.receive", id,
                                                                   "receive"));
      gtk_widget_set_sensitive (give, held > 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), give);
    }
  return row;
}

static void
volunteers_donations_view_add_item (GtkListBox *list,
                                    const char *item,
                                    gint64      held,
                                    guint       offers)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = NULL;

  /* TRANSLATORS: an item's donated goods held, across how many offers */
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%" G_GINT64_FORMAT " held · %u offer",
                                           "%" G_GINT64_FORMAT " held · %u offers", offers),
                              held, offers);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), item);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_append (list, row);
}

static void
volunteers_donations_view_fill (VolunteersDonationsView *self)
{
  GListModel *model = G_LIST_MODEL (self->model);
  guint n = model != NULL ? g_list_model_get_n_items (model) : 0;
  g_autoptr(GHashTable) held = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) offers = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_idle = 0;
  gint64 total = 0;
  g_autofree char *title = NULL;

  volunteers_donations_view_clear (self->items);
  volunteers_donations_view_clear (self->idle);
  volunteers_donations_view_clear (self->offers);
  for (guint i = 0; i < n; i++)
    {
      SteadRecord *donation = g_list_model_get_item (model, i);
      const char *item = stead_record_get_title (donation);
      gint64 h = stead_record_get_int (donation, "held");

      g_ptr_array_add (records, donation);
      if (!g_hash_table_contains (held, item))
        g_ptr_array_add (items, (gpointer) item);
      g_hash_table_insert (held, (gpointer) item,
                           GSIZE_TO_POINTER (GPOINTER_TO_SIZE (g_hash_table_lookup (held, item))
                                             + (gsize) MAX (h, 0)));
      g_hash_table_insert (offers, (gpointer) item,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (offers,
                                                                                    item)) + 1));
      gtk_list_box_append (self->offers, volunteers_donations_view_row (self, donation, TRUE));
      if (h > 0 && !stead_record_is_null (donation, "idle_days") &&
          stead_record_get_int (donation, "idle_days") >= VOLUNTEERS_DONATIONS_IDLE_DAYS)
        {
          gtk_list_box_append (self->idle, volunteers_donations_view_row (self, donation, FALSE));
          n_idle++;
        }
    }
  for (guint i = 0; i < items->len; i++)
    {
      const char *item = g_ptr_array_index (items, i);
      gint64 h = (gint64) GPOINTER_TO_SIZE (g_hash_table_lookup (held, item));

      total += h;
      volunteers_donations_view_add_item (self->items, item, h,
                                          GPOINTER_TO_UINT (g_hash_table_lookup (offers, item)));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->idle_group), n_idle > 0);
  /* TRANSLATORS: the donations view's first group: all goods held */
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Held: %" G_GINT64_FORMAT " Item",
                                        "Held: %" G_GINT64_FORMAT " Items", total),
                           total);
  adw_preferences_group_set_title (self->items_group, title);
}

void
volunteers_donations_view_set_workspace (VolunteersDonationsView *self,
                                         SteadWorkspace          *workspace)
{
  g_return_if_fail (VOLUNTEERS_IS_DONATIONS_VIEW (self));

  self->workspace = workspace;
  g_clear_object (&self->model);
  if (workspace == NULL)
    return;
  self->model = stead_query_model_new (workspace, volunteers_donation_get_type (),
                                       volunteers_donations_sql, VOLUNTEERS_TABLES);
  /* TRANSLATORS: an offer of goods by its number, when it names no item */
  stead_query_model_set_params (self->model, STEAD_ARGS (STEAD_STRING (_("Offer %d"))));
  g_signal_connect_object (self->model, "items-changed",
                           G_CALLBACK (volunteers_donations_view_fill), self, G_CONNECT_SWAPPED);
  volunteers_donations_view_fill (self);
}

static void
volunteers_donations_view_dispose (GObject *object)
{
  VolunteersDonationsView *self = VOLUNTEERS_DONATIONS_VIEW (object);

  g_clear_object (&self->model);
  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  G_OBJECT_CLASS (volunteers_donations_view_parent_class)->dispose (object);
}

static void
volunteers_donations_view_class_init (VolunteersDonationsViewClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = volunteers_donations_view_dispose;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
}

static GtkListBox *
volunteers_donations_view_group (GtkWidget            *box,
                                 AdwPreferencesGroup **group,
                                 const char           *name,
                                 const char           *title,
                                 const char           *description,
                                 const char           *empty)
{
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *placeholder = gtk_label_new (empty);

  *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (*group, title);
  adw_preferences_group_set_description (*group, description);
  gtk_widget_set_name (list, name);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_label_set_wrap (GTK_LABEL (placeholder), TRUE);
  gtk_list_box_set_placeholder (GTK_LIST_BOX (list), placeholder);
  adw_preferences_group_add (*group, list);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (*group));
  return GTK_LIST_BOX (list);
}

static void
volunteers_donations_view_init (VolunteersDonationsView *self)
{
  static const GActionEntry entries[] = {
    { "receive", volunteers_donations_view_on_receive, "x" },
    { "give", volunteers_donations_view_on_give, "x" },
  };
  g_autoptr(GSimpleActionGroup) actions = g_simple_action_group_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  g_autofree char *idle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                        "Held with none given out for %d day "
                                                        "or more.",
                                                        "Held with none given out for %d days "
                                                        "or more.",
                                                        VOLUNTEERS_DONATIONS_IDLE_DAYS),
                                           VOLUNTEERS_DONATIONS_IDLE_DAYS);

  g_action_map_add_action_entries (G_ACTION_MAP (actions), entries, G_N_ELEMENTS (entries), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "donations", G_ACTION_GROUP (actions));

  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 24);
  gtk_widget_set_margin_bottom (box, 24);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 800);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), clamp);

  self->items = volunteers_donations_view_group (box, &self->items_group, "held-items",
                                                 _("Held"),
                                                 _("Donated goods received less given out, "
                                                   "by item."),
                                                 _("No donated goods recorded"));
  self->idle = volunteers_donations_view_group (box, &self->idle_group, "unclaimed",
                                                _("Unclaimed"), idle, "");
  self->offers = volunteers_donations_view_group (box, &self->offers_group, "goods",
                                                  _("Offers of Goods"),
                                                  _("Record goods received, and goods given out "
                                                    "against a request."),
                                                  _("No offers of goods"));
}
