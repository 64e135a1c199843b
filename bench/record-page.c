/* record-page.c: the partner directory with 100,000 organisations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: record-page [--rows N] [--steps N] [--phases LIST]. Makes a
 * workspace with the partners plugin and N (100,000) organisations in one
 * transaction, then measures issue #10's SteadQueryModel and the record
 * page that shows it (--phases: some of model,scroll,wheel,edit,search):
 *
 *  - model_*: the Partners page's SteadQueryModel (the plugin's own
 *    partners_organisations_new ()), from its creation to its rows being
 *    the items, how long that held the main thread, how much the peak
 *    RSS grew; then a reload as a change makes it;
 *  - window_*: a real SteadWindow opening the workspace on the Partners
 *    page, until the list shows every record;
 *  - scroll_*: the page's GtkColumnView scrolled top to bottom and back in
 *    fixed steps, one per frame (a scrollbar drag: every row rebinds);
 *    wheel_*: 3 rows a frame, down and back (rows recycle); per frame,
 *    from the frame clock, layout + paint time and the interval between
 *    frames, and how many cells were bound;
 *  - edit_*: one organisation renamed with stead_workspace_edit (): until
 *    the model and the sorted list have it, how the model reported it
 *    (an in-place diff removes and adds 1, not N) and its item count;
 *    edit_unsorted_*: the same for a field the list neither shows nor
 *    sorts by (the website);
 *  - search_*: a word typed in the page's search entry one letter at a
 *    time, each until the list settled, then cleared.
 *
 * With --needs, the same for the core's Needs page instead, over N
 * (1,000,000) needs: window_*, scroll_*, wheel_*, edit_* (a need's status
 * changed) and filter_* (the status filter set to Closed, then the kind
 * filter added, then both cleared: each until the list settled, and the
 * longest the main loop was blocked meanwhile).
 *
 * "longest_block" is the longest time the main loop did not run (a 1 ms
 * timeout's longest gap). Needs a display (Xvfb) and the bench
 * environment (bench/meson.build: schemas, STEAD_PLUGIN_PATH).
 * Prints one "name value unit" line per figure.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>
#include <gmodule.h>
#include <stead-gtk.h>

#define FRAME_MS        (1000.0 / 60)
#define SEARCH_WORD     "kestrel"
#define WAIT_SECONDS    600

/* Names are "<place> <word> <kind> <n>"; SEARCH_WORD is one place and is
 * in no other word, label or field, so the rows it finds are the rows
 * made with it. */
static const char * const record_page_places[] = {
  "Ashby", "Barrow", "Calder", "Dunmore", "Elmstead", "Fairford", "Glenridge", "Harwood",
  "Ingleby", "Kestrel", "Langley", "Marsden", "Northam", "Oakham", "Pendle", "Quarrydale",
  "Ravensworth", "Selby", "Thornbury", "Upton", "Vale", "Whitby", "Yarmouth", "Zennor",
};
static const char * const record_page_words[] = {
  "Community", "Riverside", "Hope", "Valley", "St Mary's", "Harbour", "Meadow", "Unity",
  "Green", "Old Town", "Bridge", "Hillside", "Lakeside", "Mill", "Parkside", "Castle",
};
static const char * const record_page_kinds[] = {
  "Trust", "Foundation", "Food Bank", "Rotary Club", "Scouts", "Church", "Mosque", "Council",
  "Fire Station", "Surgery", "Housing Association", "Mutual Aid", "Lions", "Radio Club",
};
static const char * const record_page_types[] = {
  "category-1", "category-2", "voluntary", "faith", "business", "mutual-aid",
  "parish-council", "other",
};
static const char * const record_page_tiers[] = { "instrumental", "contributing", "occasional" };

typedef struct
{
  guint  signals;
  guint  removed;
  guint  added;
} Changes;

typedef struct
{
  guint  id;
  gint64 last;
  gint64 longest;
} Stall;

typedef struct
{
  GtkAdjustment *vadj;
  GArray        *work;       /* ms per frame: layout + paint */
  GArray        *interval;   /* ms between frames */
  gint64         before;
  gint64         last_after;
  guint          step;
  guint          n_steps;    /* each way */
  guint          binds;      /* cells bound while running */
  double         pixels;     /* per step; 0: the whole list in n_steps */
  double         start;
  gboolean       running;
  gboolean       done;
} Run;

typedef struct
{
  gint64 started;
  gint64 finished;
  double longest;
  double total;
  guint  count;
} Refilter;

/* ------------------------------------------------------------------------ */
/* Helpers                                                                   */

static GStrv record_page_phases;

/* Whether --phases (all if not given) names @phase. */
static gboolean
record_page_wants (const char *phase)
{
  return record_page_phases == NULL ||
         g_strv_contains ((const char * const *) record_page_phases, phase);
}

static double
record_page_ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static gboolean
record_page_on_timeout (gpointer data)
{
  g_printerr ("record-page: gave up waiting after %d s\n", WAIT_SECONDS);
  exit (1);
  return G_SOURCE_REMOVE;
}

static void
record_page_iterate_until (gboolean (*condition) (gpointer),
                           gpointer   data)
{
  guint timeout = g_timeout_add_seconds (WAIT_SECONDS, record_page_on_timeout, NULL);

  while (!condition (data))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
}

static gboolean
record_page_on_wake (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
record_page_iterate (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, record_page_on_wake, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
record_page_stall_tick (gpointer data)
{
  Stall *stall = data;
  gint64 now = g_get_monotonic_time ();

  stall->longest = MAX (stall->longest, now - stall->last);
  stall->last = now;
  return G_SOURCE_CONTINUE;
}

static void
record_page_stall_start (Stall *stall)
{
  stall->last = g_get_monotonic_time ();
  stall->longest = 0;
  stall->id = g_timeout_add_full (G_PRIORITY_HIGH, 1, record_page_stall_tick, stall, NULL);
}

static double
record_page_stall_stop (Stall *stall)
{
  record_page_stall_tick (stall);
  g_clear_handle_id (&stall->id, g_source_remove);
  return stall->longest / 1000.0;
}

/* From /proc/self/status, in kB. */
static gint64
record_page_status_kb (const char *key)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, key);
  if (line == NULL)
    return -1;
  return g_ascii_strtoll (line + strlen (key) + 1, NULL, 10);
}

static void
record_page_on_items_changed (GListModel *model,
                              guint       position,
                              guint       removed,
                              guint       added,
                              Changes    *changes)
{
  changes->signals++;
  changes->removed += removed;
  changes->added += added;
}

static GtkWidget *
record_page_find_by_name (GtkWidget  *root,
                          const char *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (g_strcmp0 (gtk_widget_get_name (child), name) == 0)
        return child;
      if ((found = record_page_find_by_name (child, name)) != NULL)
        return found;
    }
  return NULL;
}

static int
record_page_compare (gconstpointer a,
                     gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
record_page_pct (GArray *values,
                 double  p)
{
  if (values->len == 0)
    return 0;
  g_array_sort (values, record_page_compare);
  return g_array_index (values, double, (guint) (p * (values->len - 1) + 0.5));
}

static guint
record_page_count_over (GArray *values,
                        double  limit)
{
  guint n = 0;

  for (guint i = 0; i < values->len; i++)
    n += g_array_index (values, double, i) > limit;
  return n;
}

/* No sorting or filtering left to do anywhere down the page's chain of
 * list models, whichever way round it is. */
static gboolean
record_page_list_is_settled (GListModel *model)
{
  while (model != NULL)
    {
      if (GTK_IS_SORT_LIST_MODEL (model))
        {
          if (gtk_sort_list_model_get_pending (GTK_SORT_LIST_MODEL (model)) != 0)
            return FALSE;
          model = gtk_sort_list_model_get_model (GTK_SORT_LIST_MODEL (model));
        }
      else if (GTK_IS_FILTER_LIST_MODEL (model))
        {
          if (gtk_filter_list_model_get_pending (GTK_FILTER_LIST_MODEL (model)) != 0)
            return FALSE;
          model = gtk_filter_list_model_get_model (GTK_FILTER_LIST_MODEL (model));
        }
      else
        break;
    }
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* The workspace                                                             */

static gboolean
record_page_populate (SteadWorkspace  *ws,
                      guint            n_rows,
                      guint           *n_search,
                      GError         **error)
{
  g_autoptr(SteadTransaction) txn = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (10);

  txn = stead_workspace_begin (ws, "partners", "Add bench partners", error);
  if (txn == NULL)
    return FALSE;
  *n_search = 0;
  for (guint i = 0; i < n_rows; i++)
    {
#define PICK(list) list[g_rand_int_range (rand, 0, G_N_ELEMENTS (list))]
      guint place = g_rand_int_range (rand, 0, G_N_ELEMENTS (record_page_places));
      const char *word = PICK (record_page_words);
      const char *kind = PICK (record_page_kinds);
      const char *type = PICK (record_page_types);
      const char *tier = PICK (record_page_tiers);
#undef PICK
      g_autofree char *name = g_strdup_printf ("%s %s %s %u", record_page_places[place], word, kind,
                                               g_rand_int_range (rand, 1, 1000));
      g_autofree char *areas = g_strdup_printf ("Ward %u", g_rand_int_range (rand, 1, 60));

      if (g_str_equal (record_page_places[place], "Kestrel"))
        (*n_search)++;
      const char *description = i % 3 == 0 ? "Volunteers on call" : NULL;

      if (stead_transaction_run (txn,
                                 "INSERT INTO partners_organisation "
                                 "  (name, type, tier, description, areas_served) "
                                 "VALUES (?1, ?2, ?3, ?4, ?5)",
                                 STEAD_ARGS (STEAD_TEXT (name), STEAD_TEXT (type),
                                             STEAD_TEXT (tier), STEAD_TEXT (description),
                                             STEAD_TEXT (areas)),
                                 error) < 0)
        return FALSE;
    }
  return stead_transaction_commit (g_steal_pointer (&txn), error);
}

static const char * const record_page_need_kinds[] = {
  "food", "medication", "heating", "welfare-check", "transport", "power-dependent",
  "information", "emotional-support",
};
static const char * const record_page_need_statuses[] = {
  "open", "assigned", "met", "closed", "closed", "closed", "cancelled",
};

/* Needs over Tewkesbury borough, opened over a year. */
static gboolean
record_page_populate_needs (SteadWorkspace  *ws,
                            guint            n_rows,
                            GError         **error)
{
  g_autoptr(SteadTransaction) txn = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (13);

  txn = stead_workspace_begin (ws, "core", "Add bench needs", error);
  if (txn == NULL)
    return FALSE;
  stmt = stead_transaction_prepare (txn,
                                    "INSERT INTO need "
                                    "  (geom, kind, people, urgency, status, opened) "
                                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                                    error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < n_rows; i++)
    {
#define PICK(list) list[g_rand_int_range (rand, 0, G_N_ELEMENTS (list))]
      g_autoptr(SteadGeometry) point = stead_geometry_new_point (
        g_rand_double_range (rand, -2.30, -1.90), g_rand_double_range (rand, 51.85, 52.08));
      g_autofree char *opened = g_strdup_printf ("2026-%02d-%02dT%02d:00:00.000Z",
                                                 g_rand_int_range (rand, 1, 13),
                                                 g_rand_int_range (rand, 1, 29),
                                                 g_rand_int_range (rand, 0, 24));

      if (stead_transaction_step_values (
            txn, stmt,
            STEAD_ARGS (STEAD_GEOMETRY (point), STEAD_TEXT (PICK (record_page_need_kinds)),
                        STEAD_INT (g_rand_int_range (rand, 1, 6)),
                        STEAD_INT (g_rand_int_range (rand, 1, 5)),
                        STEAD_TEXT (PICK (record_page_need_statuses)), STEAD_TEXT (opened)),
            error) < 0)
        return FALSE;
#undef PICK
    }
  return stead_transaction_commit (g_steal_pointer (&txn), error);
}

/* ------------------------------------------------------------------------ */
/* (a) The model alone                                                       */

static gboolean
record_page_is_loaded (gpointer data)
{
  return !stead_query_model_get_loading (data);
}

typedef SteadQueryModel *(*ModelNewFunc) (SteadWorkspace *workspace);

/* The plugin's own constructor, from its module (loaded by the engine). */
static ModelNewFunc
record_page_model_new_func (void)
{
  g_autofree char *module_path = NULL;
  GModule *module;
  gpointer symbol = NULL;

  module_path = g_build_filename (g_getenv ("STEAD_PLUGIN_PATH"), "partners", "libpartners.so",
                                  NULL);
  module = g_module_open (module_path, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);
  if (module == NULL || !g_module_symbol (module, "partners_organisations_new", &symbol))
    {
      g_printerr ("record-page: %s\n", g_module_error ());
      exit (1);
    }
  return (ModelNewFunc) symbol;
}

static void
record_page_bench_model (SteadWorkspace *ws)
{
  ModelNewFunc model_new = record_page_model_new_func ();
  g_autoptr(SteadQueryModel) model = NULL;
  gint64 hwm_before = record_page_status_kb ("VmHWM:");
  gint64 rss_before = record_page_status_kb ("VmRSS:");
  Stall stall;
  Changes changes = { 0 };
  double blocking;
  gint64 t0;

  record_page_stall_start (&stall);
  t0 = g_get_monotonic_time ();
  model = model_new (ws);
  blocking = record_page_ms_since (t0);
  record_page_iterate_until (record_page_is_loaded, model);
  printf ("model_load %.1f ms\n", record_page_ms_since (t0));
  printf ("model_new_call %.1f ms\n", blocking);
  printf ("model_load_longest_block %.1f ms\n", record_page_stall_stop (&stall));
  printf ("model_n_items %u count\n", g_list_model_get_n_items (G_LIST_MODEL (model)));
  printf ("model_peak_rss_growth %.1f MB\n",
          (record_page_status_kb ("VmHWM:") - hwm_before) / 1024.0);
  printf ("model_rss_growth %.1f MB\n", (record_page_status_kb ("VmRSS:") - rss_before) / 1024.0);

  /* What a change to a followed table does: the same rows again. */
  g_signal_connect (model, "items-changed", G_CALLBACK (record_page_on_items_changed), &changes);
  record_page_stall_start (&stall);
  t0 = g_get_monotonic_time ();
  stead_query_model_reload (model);
  blocking = record_page_ms_since (t0);
  record_page_iterate_until (record_page_is_loaded, model);
  printf ("model_reload %.1f ms\n", record_page_ms_since (t0));
  printf ("model_reload_call %.1f ms\n", blocking);
  printf ("model_reload_longest_block %.1f ms\n", record_page_stall_stop (&stall));
  printf ("model_reload_items_changed %u count\n", changes.signals);
}

/* ------------------------------------------------------------------------ */
/* (b) Scrolling                                                             */

static void
record_page_on_before (GdkFrameClock *clock,
                       Run           *run)
{
  run->before = g_get_monotonic_time ();
}

static void
record_page_on_after (GdkFrameClock *clock,
                      Run           *run)
{
  gint64 now = g_get_monotonic_time ();
  double work = (now - run->before) / 1000.0;

  if (run->running)
    {
      g_array_append_val (run->work, work);
      if (run->last_after > 0)
        {
          double interval = (now - run->last_after) / 1000.0;

          g_array_append_val (run->interval, interval);
        }
      run->last_after = now;
    }
}

/* One step per frame: down n_steps, then back up. */
static gboolean
record_page_tick (GtkWidget     *widget,
                  GdkFrameClock *clock,
                  gpointer       user_data)
{
  Run *run = user_data;
  double range = gtk_adjustment_get_upper (run->vadj) - gtk_adjustment_get_page_size (run->vadj);
  guint s = run->step <= run->n_steps ? run->step : 2 * run->n_steps - run->step;
  double value;

  if (run->pixels > 0)
    value = run->start + s * run->pixels;
  else
    value = range * s / run->n_steps;
  gtk_adjustment_set_value (run->vadj, CLAMP (value, 0, range));
  run->running = TRUE;
  if (++run->step > 2 * run->n_steps)
    {
      run->running = FALSE;
      run->done = TRUE;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
record_page_on_bind (GtkListItemFactory *factory,
                     GtkListItem        *item,
                     Run                *run)
{
  if (run->running)
    run->binds++;
}

static gboolean
record_page_run_done (gpointer data)
{
  return ((Run *) data)->done;
}

static void
record_page_scroll (const char    *name,
                    GtkWidget     *view,
                    GtkAdjustment *vadj,
                    guint          n_steps,
                    double         pixels,
                    double         start)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (view);
  Run run = { 0 };
  GListModel *columns = gtk_column_view_get_columns (GTK_COLUMN_VIEW (view));
  gulong before_id, after_id;

  run.vadj = vadj;
  run.n_steps = n_steps;
  run.pixels = pixels;
  run.start = start;
  run.work = g_array_new (FALSE, FALSE, sizeof (double));
  run.interval = g_array_new (FALSE, FALSE, sizeof (double));
  before_id = g_signal_connect (clock, "before-paint", G_CALLBACK (record_page_on_before), &run);
  after_id = g_signal_connect (clock, "after-paint", G_CALLBACK (record_page_on_after), &run);
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      GtkListItemFactory *factory = gtk_column_view_column_get_factory (column);

      if (GTK_IS_SIGNAL_LIST_ITEM_FACTORY (factory))
        g_signal_connect (factory, "bind", G_CALLBACK (record_page_on_bind), &run);
    }
  gtk_widget_add_tick_callback (view, record_page_tick, &run, NULL);
  record_page_iterate_until (record_page_run_done, &run);
  g_signal_handler_disconnect (clock, before_id);
  g_signal_handler_disconnect (clock, after_id);
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      g_signal_handlers_disconnect_by_data (gtk_column_view_column_get_factory (column), &run);
    }

  printf ("%s_frames %u count\n", name, run.work->len);
  printf ("%s_frame_work_p50 %.2f ms\n", name, record_page_pct (run.work, 0.50));
  printf ("%s_frame_work_p95 %.2f ms\n", name, record_page_pct (run.work, 0.95));
  printf ("%s_frame_work_p99 %.2f ms\n", name, record_page_pct (run.work, 0.99));
  printf ("%s_frame_work_max %.2f ms\n", name, record_page_pct (run.work, 1.0));
  printf ("%s_frame_work_over_16.7ms %u count\n", name,
          record_page_count_over (run.work, FRAME_MS));
  printf ("%s_cells_bound_per_frame %.1f count\n", name,
          (double) run.binds / MAX (run.work->len, 1));
  printf ("%s_frame_interval_p50 %.2f ms\n", name, record_page_pct (run.interval, 0.50));
  printf ("%s_frame_interval_p95 %.2f ms\n", name, record_page_pct (run.interval, 0.95));
  printf ("%s_frame_interval_p99 %.2f ms\n", name, record_page_pct (run.interval, 0.99));
  printf ("%s_frame_interval_max %.2f ms\n", name, record_page_pct (run.interval, 1.0));
  /* An interval of 1.5 frames or more: at least one refresh missed. */
  printf ("%s_frames_late %u count\n", name, record_page_count_over (run.interval, 1.5 * FRAME_MS));
  g_array_unref (run.work);
  g_array_unref (run.interval);
}

/* ------------------------------------------------------------------------ */
/* (c) An edit, (d) a search                                                 */

typedef struct
{
  SteadQueryModel *model;
  GListModel      *shown;
  gint64           id;
  const char      *field;
  const char      *value;
} EditWait;

static gboolean
record_page_model_has_value (gpointer data)
{
  EditWait *w = data;
  SteadRecord *record = stead_query_model_lookup (w->model, w->id);

  return !stead_query_model_get_loading (w->model) && record != NULL &&
         g_strcmp0 (stead_record_get_string (record, w->field), w->value) == 0;
}

static gboolean
record_page_shown_last_is (gpointer data)
{
  EditWait *w = data;
  guint n = g_list_model_get_n_items (w->shown);
  g_autoptr(SteadRecord) last = n > 0 ? g_list_model_get_item (w->shown, n - 1) : NULL;

  return record_page_list_is_settled (w->shown) && last != NULL &&
         stead_record_get_id (last) == w->id;
}

/* Sets @field of the record shown at @position to @value with @sql (one
 * undo step) and reports how long until the model (and, if @to_last, the
 * list, where it sorts last) has it, and how the model and list said so. */
static void
record_page_edit_one (const char      *name,
                      SteadWorkspace  *ws,
                      SteadQueryModel *model,
                      GListModel      *shown,
                      guint            position,
                      const char      *sql,
                      const char      *field,
                      const char      *value,
                      gboolean         to_last)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SteadRecord) record = g_list_model_get_item (shown, position);
  Changes changes = { 0 }, shown_changes = { 0 };
  EditWait wait = { model, shown, stead_record_get_id (record), field, value };
  Stall stall;
  gulong id1, id2;
  double call, to_model;
  gint64 t0;

  id1 = g_signal_connect (model, "items-changed", G_CALLBACK (record_page_on_items_changed),
                          &changes);
  id2 = g_signal_connect (shown, "items-changed", G_CALLBACK (record_page_on_items_changed),
                          &shown_changes);
  record_page_stall_start (&stall);
  t0 = g_get_monotonic_time ();
  if (stead_workspace_edit (ws, "partners", "Edit partner", sql,
                            STEAD_ARGS (STEAD_TEXT (value), STEAD_INT (wait.id)), &error) != 1)
    {
      g_printerr ("record-page: %s\n", error != NULL ? error->message : "no row changed");
      exit (1);
    }
  call = record_page_ms_since (t0);
  record_page_iterate_until (record_page_model_has_value, &wait);
  to_model = record_page_ms_since (t0);
  if (to_last)
    {
      record_page_iterate_until (record_page_shown_last_is, &wait);
      printf ("%s_to_list %.1f ms\n", name, record_page_ms_since (t0));
    }
  printf ("%s_to_model %.1f ms\n", name, to_model);
  printf ("%s_call %.1f ms\n", name, call);
  printf ("%s_longest_block %.1f ms\n", name, record_page_stall_stop (&stall));
  printf ("%s_model_n_items %u count\n", name, g_list_model_get_n_items (G_LIST_MODEL (model)));
  printf ("%s_model_items_changed %u count\n", name, changes.signals);
  printf ("%s_model_items_removed %u count\n", name, changes.removed);
  printf ("%s_model_items_added %u count\n", name, changes.added);
  printf ("%s_list_items_removed %u count\n", name, shown_changes.removed);
  printf ("%s_list_items_added %u count\n", name, shown_changes.added);
  g_signal_handler_disconnect (model, id1);
  g_signal_handler_disconnect (shown, id2);
}

static void
record_page_bench_edit (SteadWorkspace  *ws,
                        SteadQueryModel *model,
                        GListModel      *shown)
{
  /* The first in the list renamed to sort last; then the (new) first's
   * website, which is not shown and moves nothing. */
  record_page_edit_one ("edit", ws, model, shown, 0,
                        "UPDATE partners_organisation SET name = ?1 WHERE id = ?2",
                        "name", "Zz renamed", TRUE);
  record_page_iterate (200);
  record_page_edit_one ("edit_unsorted", ws, model, shown, 0,
                        "UPDATE partners_organisation SET website = ?1 WHERE id = ?2",
                        "website", "https://bench.example.org", FALSE);
}

static gboolean
record_page_search_hook (GSignalInvocationHint *hint,
                         guint                  n_values,
                         const GValue          *values,
                         gpointer               data)
{
  ((Refilter *) data)->started = g_get_monotonic_time ();
  return TRUE;
}

/* Connected after the page's own handler: the page has refiltered. */
static void
record_page_on_search_changed (GtkSearchEntry *entry,
                               Refilter       *refilter)
{
  double ms;

  refilter->finished = g_get_monotonic_time ();
  ms = (refilter->finished - refilter->started) / 1000.0;
  refilter->longest = MAX (refilter->longest, ms);
  refilter->total += ms;
  refilter->count++;
}

typedef struct
{
  SteadRecordPage *page;
  GListModel      *shown;
  Refilter        *refilter;
  const char      *text;
  gint64           since;
} SearchWait;

static gboolean
record_page_search_settled (gpointer data)
{
  SearchWait *w = data;

  return w->refilter->finished > w->since &&
         g_strcmp0 (stead_record_page_get_search (w->page), w->text) == 0 &&
         record_page_list_is_settled (w->shown);
}

static void
record_page_bench_search (SteadRecordPage *page,
                          GtkWidget       *entry,
                          guint            n_rows,
                          guint            n_expected)
{
  GListModel *shown = stead_record_page_get_shown (page);
  guint signal_id = g_signal_lookup ("search-changed", GTK_TYPE_SEARCH_ENTRY);
  Refilter refilter = { 0 };
  SearchWait wait = { page, shown, &refilter };
  double settle_longest = 0, settle;
  Stall stall;
  gulong hook, handler;

  hook = g_signal_add_emission_hook (signal_id, 0, record_page_search_hook, &refilter, NULL);
  handler = g_signal_connect_after (entry, "search-changed",
                                    G_CALLBACK (record_page_on_search_changed), &refilter);
  printf ("search_entry_delay %u ms\n",
          gtk_search_entry_get_search_delay (GTK_SEARCH_ENTRY (entry)));

  record_page_stall_start (&stall);
  for (guint i = 1; i <= strlen (SEARCH_WORD); i++)
    {
      g_autofree char *typed = g_strndup (SEARCH_WORD, i);

      wait.text = typed;
      wait.since = g_get_monotonic_time ();
      gtk_editable_set_text (GTK_EDITABLE (entry), typed);
      record_page_iterate_until (record_page_search_settled, &wait);
      settle = record_page_ms_since (wait.since);
      settle_longest = MAX (settle_longest, settle);
      /* What a typist's pause lets the list draw. */
      record_page_iterate (50);
    }
  printf ("search_settle_last_letter %.1f ms\n", settle);
  printf ("search_settle_longest_letter %.1f ms\n", settle_longest);
  printf ("search_refilter_longest %.1f ms\n", refilter.longest);
  printf ("search_refilter_mean %.1f ms\n", refilter.total / MAX (refilter.count, 1));
  printf ("search_longest_block %.1f ms\n", record_page_stall_stop (&stall));
  printf ("search_matches %u count\n", g_list_model_get_n_items (shown));
  printf ("search_expected %u count\n", n_expected);

  refilter.longest = 0;
  record_page_stall_start (&stall);
  wait.text = "";
  wait.since = g_get_monotonic_time ();
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  record_page_iterate_until (record_page_search_settled, &wait);
  printf ("search_clear_settle %.1f ms\n", record_page_ms_since (wait.since));
  printf ("search_clear_refilter %.1f ms\n", refilter.longest);
  printf ("search_clear_longest_block %.1f ms\n", record_page_stall_stop (&stall));
  printf ("search_cleared_n_items %u count\n", g_list_model_get_n_items (shown));
  if (g_list_model_get_n_items (shown) != n_rows)
    {
      g_printerr ("record-page: %u listed after clearing the search, not %u\n",
                  g_list_model_get_n_items (shown), n_rows);
      exit (1);
    }

  g_signal_handler_disconnect (entry, handler);
  g_signal_remove_emission_hook (signal_id, hook);
}

typedef struct
{
  SteadQueryModel *model;
  GListModel      *shown;
  gint64           since;
} FilterWait;

static gboolean
record_page_filter_settled (gpointer data)
{
  FilterWait *w = data;

  return !stead_query_model_get_loading (w->model) && record_page_list_is_settled (w->shown);
}

static void
record_page_filter_one (const char      *name,
                        GtkDropDown     *dropdown,
                        guint            position,
                        SteadQueryModel *model,
                        GListModel      *shown)
{
  FilterWait wait = { model, shown };
  Stall stall;
  double call;
  gint64 t0;

  record_page_stall_start (&stall);
  t0 = g_get_monotonic_time ();
  gtk_drop_down_set_selected (dropdown, position);
  call = record_page_ms_since (t0);
  /* The model starts loading in set_selected: wait for it to finish. */
  record_page_iterate_until (record_page_filter_settled, &wait);
  printf ("%s_settle %.1f ms\n", name, record_page_ms_since (t0));
  printf ("%s_call %.1f ms\n", name, call);
  printf ("%s_longest_block %.1f ms\n", name, record_page_stall_stop (&stall));
  printf ("%s_n_items %u count\n", name, g_list_model_get_n_items (shown));
  record_page_iterate (200);
}

static void
record_page_bench_filters (GtkWidget       *page,
                           SteadRecordPage *records)
{
  SteadQueryModel *model = STEAD_QUERY_MODEL (stead_record_page_get_model (records));
  GListModel *shown = stead_record_page_get_shown (records);
  GtkDropDown *status = GTK_DROP_DOWN (record_page_find_by_name (page, "status-filter"));
  GtkDropDown *kind = GTK_DROP_DOWN (record_page_find_by_name (page, "kind-filter"));

  if (status == NULL || kind == NULL)
    {
      g_printerr ("record-page: no status and kind filters on the Needs page\n");
      exit (1);
    }
  /* All, Open or Assigned, Open, Assigned, Met, Closed, Cancelled */
  record_page_filter_one ("filter_status_closed", status, 5, model, shown);
  /* All Kinds, then the vocabulary: the first kind. */
  record_page_filter_one ("filter_and_kind", kind, 1, model, shown);
  record_page_filter_one ("filter_kind_only", status, 0, model, shown);
  record_page_filter_one ("filter_cleared", kind, 0, model, shown);
}

/* ------------------------------------------------------------------------ */
/* (b)–(d) In the window                                                     */

static gboolean
record_page_is_mapped (gpointer widget)
{
  return gtk_widget_get_mapped (widget);
}

typedef struct
{
  GListModel    *shown;
  GtkAdjustment *vadj;
  guint          want;
} ListWait;

static gboolean
record_page_list_ready (gpointer data)
{
  ListWait *w = data;

  return g_list_model_get_n_items (w->shown) == w->want && record_page_list_is_settled (w->shown) &&
         gtk_adjustment_get_upper (w->vadj) > 2 * gtk_adjustment_get_page_size (w->vadj);
}

static gboolean record_page_needs;

static void
record_page_bench_window (SteadApplication *app,
                          const char       *path,
                          guint             n_rows,
                          guint             n_steps,
                          guint             n_search)
{
  const char *page_name = record_page_needs ? "core.needs" : "partners.directory";
  g_autoptr(GError) error = NULL;
  SteadWindow *window;
  GtkWidget *page, *view, *entry;
  SteadRecordPage *records;
  GtkAdjustment *vadj;
  ListWait wait;
  Stall stall;
  double call;
  gint64 t0;

  window = stead_window_new (ADW_APPLICATION (app));
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  record_page_iterate_until (record_page_is_mapped, window);

  record_page_stall_start (&stall);
  t0 = g_get_monotonic_time ();
  if (!stead_window_open_workspace (window, path, &error))
    {
      g_printerr ("record-page: %s\n", error->message);
      exit (1);
    }
  call = record_page_ms_since (t0);
  stead_window_show_page (window, page_name);
  page = stead_window_get_page (window, page_name);
  view = page != NULL ? record_page_find_by_name (page, "records") : NULL;
  entry = page != NULL ? record_page_find_by_name (page, "search") : NULL;
  if (view == NULL || entry == NULL)
    {
      g_printerr ("record-page: no %s page with a list and a search\n", page_name);
      exit (1);
    }
  records = STEAD_RECORD_PAGE (gtk_widget_get_ancestor (view, STEAD_TYPE_RECORD_PAGE));
  vadj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (gtk_widget_get_parent (view)));
  record_page_iterate_until (record_page_is_mapped, view);
  wait = (ListWait) { stead_record_page_get_shown (records), vadj, n_rows };
  record_page_iterate_until (record_page_list_ready, &wait);
  printf ("window_open_to_list %.1f ms\n", record_page_ms_since (t0));
  printf ("window_open_call %.1f ms\n", call);
  printf ("window_open_longest_block %.1f ms\n", record_page_stall_stop (&stall));
  printf ("window_list_n_items %u count\n", g_list_model_get_n_items (wait.shown));

  /* Let the first frames settle before measuring. */
  record_page_iterate (500);
  printf ("list_height %.0f px\n", gtk_adjustment_get_upper (vadj));
  if (record_page_wants ("scroll"))
    record_page_scroll ("scroll", view, vadj, n_steps, 0, 0);
  record_page_iterate (200);
  if (record_page_wants ("wheel"))
    {
      double upper = gtk_adjustment_get_upper (vadj);

      record_page_scroll ("wheel", view, vadj, 300, 3 * upper / n_rows,
                          (upper - gtk_adjustment_get_page_size (vadj)) / 2);
    }
  gtk_adjustment_set_value (vadj, 0);
  record_page_iterate (200);

  if (record_page_needs)
    {
      /* A need's status, which the list shows but does not sort by. */
      if (record_page_wants ("edit"))
        record_page_edit_one ("edit", stead_window_get_workspace (window),
                              STEAD_QUERY_MODEL (stead_record_page_get_model (records)),
                              wait.shown, 0, "UPDATE need SET status = ?1 WHERE fid = ?2",
                              "status", "cancelled", FALSE);
      record_page_iterate (200);
      if (record_page_wants ("filter"))
        record_page_bench_filters (page, records);
    }
  else
    {
      if (record_page_wants ("edit"))
        record_page_bench_edit (stead_window_get_workspace (window),
                                STEAD_QUERY_MODEL (stead_record_page_get_model (records)),
                                wait.shown);
      record_page_iterate (200);
      if (record_page_wants ("search"))
        record_page_bench_search (records, entry, n_rows, n_search);
    }

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(SteadApplication) app = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  const char *enabled[] = { "partners", NULL };
  g_autofree char *phases = NULL;
  int n_rows = -1, n_steps = 300;
  gboolean rows_given;
  guint n_search;
  GOptionEntry entries[] = {
    { "rows", 0, 0, G_OPTION_ARG_INT, &n_rows, "Organisations to make (100000)", "N" },
    { "steps", 0, 0, G_OPTION_ARG_INT, &n_steps, "Frames from top to bottom (300)", "N" },
    { "phases", 0, 0, G_OPTION_ARG_STRING, &phases,
      "Only these: model,scroll,wheel,edit,search,filter", "LIST" },
    { "needs", 0, 0, G_OPTION_ARG_NONE, &record_page_needs,
      "The Needs page over N needs (1000000) instead", NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("record-page: %s\n", error->message);
      return 2;
    }
  rows_given = n_rows != -1;
  if (!rows_given)
    n_rows = 100000;
  if (n_rows < 1000 || n_steps < 1)
    {
      g_printerr ("record-page: %s\n",
                  error != NULL ? error->message : "--rows ≥ 1000, --steps ≥ 1");
      return 2;
    }
  if (phases != NULL)
    record_page_phases = g_strsplit (phases, ",", -1);
  if (record_page_needs && !rows_given)
    n_rows = 1000000;
  /* Never the user's settings. */
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  gtk_init ();
  settings = g_settings_new (APP_ID);
  g_settings_set_strv (settings, "enabled-plugins", enabled);
  g_settings_set_string (settings, "base-map", "offline");

  app = stead_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    {
      g_printerr ("record-page: %s\n", error->message);
      return 1;
    }
  printf ("cairo_renderer %d bool\n", g_strcmp0 (g_getenv ("GSK_RENDERER"), "cairo") == 0);

  dir = g_dir_make_tmp ("stead-record-page-XXXXXX", NULL);
  path = g_build_filename (dir, "partners.gpkg", NULL);
  {
    g_autoptr(SteadWorkspace) ws = NULL;
    gint64 t0;

    ws = stead_workspace_create (path, "Benchshire", stead_application_get_plugin_engine (app),
                                 &error);
    t0 = g_get_monotonic_time ();
    n_search = 0;
    if (ws == NULL ||
        !(record_page_needs ? record_page_populate_needs (ws, n_rows, &error)
                            : record_page_populate (ws, n_rows, &n_search, &error)))
      {
        g_printerr ("record-page: %s\n", error->message);
        return 1;
      }
    printf ("insert_rows %d count\n", n_rows);
    printf ("insert_one_transaction %.1f ms\n", record_page_ms_since (t0));

    if (record_page_wants ("model") && !record_page_needs)
      record_page_bench_model (ws);
    stead_workspace_close (ws);
  }

  record_page_bench_window (app, path, n_rows, n_steps, n_search);

  {
    g_autoptr(GDir) files = g_dir_open (dir, 0, NULL);
    const char *name;

    while (files != NULL && (name = g_dir_read_name (files)) != NULL)
      {
        g_autofree char *file = g_build_filename (dir, name, NULL);

        g_unlink (file);
      }
    g_rmdir (dir);
  }
  return 0;
}
