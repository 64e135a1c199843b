/* search.c: the workspace search as the header's search box and `stead-cli search` run it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: search [--scale N] [--areas N] [--queries Q] [--seed S] [WS.gpkg]
 * Without a workspace, makes the demo area at --scale (default 100000)
 * with every plugin on STEAD_PLUGIN_PATH, in a temporary folder; --areas
 * adds N more named areas (as an import of small statistical areas
 * would), to see how the search grows with the index. Then runs Q
 * queries a user would type: prefixes of 1 to 12 characters of words of
 * real titles, two-word prefixes, whole titles and misses; each both as
 * the CLI runs it (stead_workspace_search on the open connection) and as
 * the window does (stead_workspace_search_async: a thread and a reader
 * connection of its own). Prints one "name value unit" line per figure.
 */

#include "config.h"

#include <stdio.h>

#include <glib/gstdio.h>

#include "stead.h"

#include "bench-util.h"

#define LIMIT 20

typedef enum
{
  QUERY_PREFIX,
  QUERY_TWO_WORDS,
  QUERY_TITLE,
  QUERY_MISS,
  N_QUERY_KINDS
} QueryKind;

static const char * const query_kind_names[] = { "prefix", "two_words", "title", "miss" };

typedef struct
{
  char      *text;
  QueryKind  kind;
  guint      length;   /* characters of the first word typed */
} Query;

static void
search_bench_query_clear (Query *query)
{
  g_free (query->text);
}

static void
search_bench_print_times (const char *name,
                          GArray     *ms)
{
  printf ("%s_p50 %.3f ms\n", name, bench_percentile (ms, 0.50));
  printf ("%s_p95 %.3f ms\n", name, bench_percentile (ms, 0.95));
  printf ("%s_p99 %.3f ms\n", name, bench_percentile (ms, 0.99));
  printf ("%s_max %.3f ms\n", name, bench_percentile (ms, 1.0));
}

/* The words of @title, split where the index's tokenizer splits them
 * in the demo's titles. */
static char **
search_bench_words (const char *title)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) parts = g_strsplit_set (title, " ,.:;()/&'-", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    if (parts[i][0] != '\0')
      g_strv_builder_add (builder, parts[i]);
  return g_strv_builder_end (builder);
}

/* Up to @chars characters of @word. */
static char *
search_bench_prefix (const char *word,
                     guint       chars)
{
  const char *end = word;

  for (guint i = 0; i < chars && *end != '\0'; i++)
    end = g_utf8_next_char (end);
  return g_strndup (word, end - word);
}

static GArray *
search_bench_make_queries (GPtrArray *titles,
                           guint      n,
                           GRand     *rng)
{
  static const char consonants[] = "bcdfghjklmnpqrstvwxz";
  GArray *queries = g_array_sized_new (FALSE, TRUE, sizeof (Query), n);

  g_array_set_clear_func (queries, (GDestroyNotify) search_bench_query_clear);
  for (guint i = 0; i < n; i++)
    {
      const char *title = g_ptr_array_index (titles, g_rand_int_range (rng, 0, titles->len));
      g_auto(GStrv) words = search_bench_words (title);
      guint n_words = g_strv_length (words);
      guint pick = n_words > 0 ? g_rand_int_range (rng, 0, n_words) : 0;
      Query query = { NULL, QUERY_PREFIX, 0 };

      switch (i % 10)
        {
        case 6:
        case 7:
          if (n_words >= 2)
            {
              g_autofree char *first = NULL;
              g_autofree char *second = NULL;

              pick = MIN (pick, n_words - 2);
              query.kind = QUERY_TWO_WORDS;
              query.length = g_utf8_strlen (words[pick], -1);
              first = g_strdup (words[pick]);
              second = search_bench_prefix (words[pick + 1], g_rand_int_range (rng, 1, 7));
              query.text = g_strdup_printf ("%s %s", first, second);
              break;
            }
          G_GNUC_FALLTHROUGH;
        case 8:
          query.kind = QUERY_TITLE;
          query.text = g_strdup (title);
          query.length = n_words > 0 ? g_utf8_strlen (words[0], -1) : 0;
          break;
        case 9:
          query.kind = QUERY_MISS;
          query.length = g_rand_int_range (rng, 4, 9);
          query.text = g_malloc0 (query.length + 1);
          for (guint c = 0; c < query.length; c++)
            query.text[c] = consonants[g_rand_int_range (rng, 0, sizeof consonants - 1)];
          break;
        default:
          /* What the box holds after each key: 1 to 12 characters. */
          query.kind = QUERY_PREFIX;
          query.length = g_rand_int_range (rng, 1, 13);
          query.text = search_bench_prefix (n_words > 0 ? words[pick] : title, query.length);
          query.length = g_utf8_strlen (query.text, -1);
          break;
        }
      g_array_append_val (queries, query);
    }
  return queries;
}

/* N more areas, small squares named like streets and neighbourhoods, in
 * one transaction: the core indexes them as it commits. */
static gboolean
search_bench_add_areas (SteadWorkspace  *workspace,
                        guint            n,
                        GRand           *rng,
                        GError         **error)
{
  static const char * const first[] = {
    "Oak", "Ash", "Elm", "Mill", "Church", "Station", "Bridge", "Abbey", "Priory", "Castle",
    "Meadow", "Orchard", "Willow", "Chestnut", "Severn", "Avon", "Kings", "Queens", "Market",
    "Vine",
  };
  static const char * const second[] = {
    "Lane", "Road", "Close", "Gardens", "Park", "Court", "View", "Rise", "Fields", "Green",
    "End", "Row", "Way", "Mead", "Crescent", "Place", "Walk", "Hill", "Side", "Grove",
  };
  g_autoptr(SteadTransaction) txn = stead_workspace_begin (workspace, "core", "Add areas", error);

  if (txn == NULL)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      double lon = STEAD_DEMO_CENTER_LON + g_rand_double_range (rng, -0.3, 0.3);
      double lat = STEAD_DEMO_CENTER_LAT + g_rand_double_range (rng, -0.2, 0.2);
      const SteadCoord ring[] = {
        { lon, lat }, { lon + 0.002, lat }, { lon + 0.002, lat + 0.002 }, { lon, lat + 0.002 },
        { lon, lat },
      };
      g_autoptr(SteadGeometry) square = stead_geometry_new_polygon (ring, G_N_ELEMENTS (ring));
      g_autofree char *code = g_strdup_printf ("E%08u", 1000000 + i);
      const char *a = first[g_rand_int_range (rng, 0, G_N_ELEMENTS (first))];
      const char *b = second[g_rand_int_range (rng, 0, G_N_ELEMENTS (second))];
      g_autofree char *name = g_strdup_printf ("%s %s %u", a, b, i);

      if (stead_transaction_insert_area (txn, "output-area", code, name, square, error) < 0)
        return FALSE;
    }
  return stead_transaction_commit (g_steal_pointer (&txn), error);
}

typedef struct
{
  GMainLoop *loop;
  GPtrArray *hits;
  GError    *error;
} AsyncWait;

static void
search_bench_on_found (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  AsyncWait *wait = user_data;

  wait->hits = stead_workspace_search_finish (STEAD_WORKSPACE (object), result, &wait->error);
  g_main_loop_quit (wait->loop);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("[WS.gpkg]");
  g_autoptr(SteadPluginEngine) engine = NULL;
  g_autoptr(SteadWorkspace) workspace = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) queries = NULL;
  g_autoptr(GArray) sync_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) async_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) short_ms = g_array_new (FALSE, FALSE, sizeof (double));
  GArray *kind_ms[N_QUERY_KINDS];
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rng = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  int scale = 100000;
  int extra_areas = 0;
  int n_queries = 500;
  int seed = 1;
  guint64 total_hits = 0;
  guint with_hits = 0;
  guint misses_found = 0;
  gint64 t0;
  const GOptionEntry entries[] = {
    { "scale", 0, 0, G_OPTION_ARG_INT, &scale, "The demo's size (households' needs)", "N" },
    { "areas", 0, 0, G_OPTION_ARG_INT, &extra_areas, "N more named areas in the index", "N" },
    { "queries", 0, 0, G_OPTION_ARG_INT, &n_queries, "How many queries", "Q" },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, "Random seed", "S" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || n_queries < 1 || scale < 0 ||
      extra_areas < 0)
    {
      g_printerr ("search: %s\n",
                  error != NULL ? error->message : "bad --queries, --scale or --areas");
      return 2;
    }
  rng = g_rand_new_with_seed (seed);
  for (guint k = 0; k < N_QUERY_KINDS; k++)
    kind_ms[k] = g_array_new (FALSE, FALSE, sizeof (double));

  /* No settings: every plugin found is loaded, as in a bare build tree. */
  engine = stead_plugin_engine_new (NULL);
  stead_plugin_engine_load_enabled (engine);
  if (argc > 1)
    path = g_strdup (argv[1]);
  else
    {
      dir = g_dir_make_tmp ("stead-search-XXXXXX", &error);
      path = dir != NULL ? g_build_filename (dir, "demo.gpkg", NULL) : NULL;
      t0 = g_get_monotonic_time ();
      if (path != NULL)
        workspace = stead_workspace_create (path, "Tewkesbury (demo)", engine, &error);
      if (workspace == NULL ||
          !stead_demo_populate (workspace, scale, STEAD_DEMO_DEFAULT_SEED, &error))
        {
          g_printerr ("search: could not make the demo: %s\n", error->message);
          return 1;
        }
      printf ("demo_scale %d count\n", scale);
      printf ("demo_build %.0f ms\n", (g_get_monotonic_time () - t0) / 1000.0);
      g_clear_object (&workspace);
    }
  if (!(workspace = stead_workspace_open (path, engine, &error)) ||
      (extra_areas > 0 && !search_bench_add_areas (workspace, extra_areas, rng, &error)))
    {
      g_printerr ("search: %s\n", error->message);
      return 1;
    }

  stmt = stead_workspace_prepare (workspace, "SELECT title FROM stead_search", &error);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (titles, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (titles->len == 0)
    {
      g_printerr ("search: %s: nothing is indexed\n", path);
      return 1;
    }
  printf ("index_entries %u count\n", titles->len);
  queries = search_bench_make_queries (titles, n_queries, rng);

  for (guint i = 0; i < queries->len; i++)
    {
      const Query *query = &g_array_index (queries, Query, i);
      g_autoptr(GPtrArray) hits = NULL;
      AsyncWait wait = { loop, NULL, NULL };
      double ms;

      t0 = g_get_monotonic_time ();
      hits = stead_workspace_search (workspace, query->text, LIMIT, &error);
      ms = (g_get_monotonic_time () - t0) / 1000.0;
      if (hits == NULL)
        {
          g_printerr ("search: “%s”: %s\n", query->text, error->message);
          return 1;
        }
      g_array_append_val (sync_ms, ms);
      g_array_append_val (kind_ms[query->kind], ms);
      if (query->kind == QUERY_PREFIX && query->length <= 2)
        g_array_append_val (short_ms, ms);
      total_hits += hits->len;
      with_hits += hits->len > 0;
      misses_found += query->kind == QUERY_MISS && hits->len > 0;

      t0 = g_get_monotonic_time ();
      stead_workspace_search_async (workspace, query->text, LIMIT, NULL, search_bench_on_found,
                                    &wait);
      g_main_loop_run (loop);
      ms = (g_get_monotonic_time () - t0) / 1000.0;
      if (wait.hits == NULL)
        {
          g_printerr ("search: “%s”: %s\n", query->text, wait.error->message);
          return 1;
        }
      if (wait.hits->len != hits->len)
        {
          g_printerr ("search: “%s”: %u hits in a thread, %u on the connection\n", query->text,
                      wait.hits->len, hits->len);
          return 1;
        }
      g_array_append_val (async_ms, ms);
      g_ptr_array_unref (wait.hits);
    }

  printf ("queries %u count\n", queries->len);
  printf ("queries_with_hits %u count\n", with_hits);
  printf ("hits_mean %.1f count\n", (double) total_hits / queries->len);
  printf ("misses_that_found %u count\n", misses_found);
  search_bench_print_times ("search", sync_ms);
  search_bench_print_times ("search_async", async_ms);
  for (guint k = 0; k < N_QUERY_KINDS; k++)
    {
      g_autofree char *name = g_strdup_printf ("search_%s", query_kind_names[k]);

      printf ("%s_count %u count\n", name, kind_ms[k]->len);
      printf ("%s_p95 %.3f ms\n", name, bench_percentile (kind_ms[k], 0.95));
      g_array_unref (kind_ms[k]);
    }
  printf ("search_prefix_1_2_chars_p95 %.3f ms\n", bench_percentile (short_ms, 0.95));

  stead_workspace_close (workspace);
  if (dir != NULL)
    bench_remove_workspace (dir, path);
  return 0;
}
