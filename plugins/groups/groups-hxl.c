/* groups-hxl.c: target groups out (HXL-tagged counts per area, the
 * groups as CSV) and in (the groups as CSV), with small-number
 * suppression in every export
 *
 * Suppression. A count from 1 to suppress-below − 1 (groups_setting,
 * default 5) is never written: its cell is left empty and the row's
 * note says why. 0 is written as 0 (an area where the group is not
 * is no one's secret). So that a total cannot give a suppressed cell
 * away (a group's total in the groups export, less the cells shown, is
 * the suppressed cell), a set of cells that adds up to a total (one
 * group's counts over the areas of one kind) never has exactly one cell
 * suppressed: the smallest other non-zero cell is suppressed with it.
 * If no other cell is above zero, the total is the suppressed cell and
 * is itself under the threshold, so it is suppressed where it is written.
 *
 * What the HXL columns mean:
 * - #population: the people (or households, as the source counts them)
 *   of the group counted in the area (groups_count);
 * - #inneed: households of the group's household lists (data-sharing
 *   lists such as a Priority Services Register extract) living in the
 *   area: those known by name to need help in a disruption;
 * - #reached: of #population, those in an area where at least one
 *   partner reaches the group (groups_reach covering the area, or all
 *   areas): the whole count there, else 0;
 * - #org+reach+num: how many partner organisations reach the group there.
 * No individual is ever exported: households are counted, never listed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "groups"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "groups.h"

/* ------------------------------------------------------------------------ */
/* Suppression                                                               */

gint64
groups_suppress_below (SteadWorkspace *workspace)
{
  gint64 below = stead_workspace_query_int64 (
    workspace,
    "SELECT coalesce ((SELECT value FROM groups_setting WHERE key = 'suppress-below'), 5)", NULL,
    0);

  return MAX (below, 0);
}

gboolean
groups_suppress_hides (gint64 value,
                       gint64 below)
{
  return value > 0 && value < below;
}

guint
groups_suppress_cells (GroupsCell *cells,
                       guint       n_cells,
                       gint64      below)
{
  guint hidden = 0;
  int smallest = -1;

  for (guint i = 0; i < n_cells; i++)
    {
      cells[i].suppressed = cells[i].value >= 0 && groups_suppress_hides (cells[i].value, below);
      cells[i].secondary = FALSE;
      hidden += cells[i].suppressed;
    }
  if (hidden != 1)
    return hidden;
  for (guint i = 0; i < n_cells; i++)
    if (!cells[i].suppressed && cells[i].value > 0 &&
        (smallest < 0 || cells[i].value < cells[smallest].value))
      smallest = (int) i;
  if (smallest < 0)
    return hidden;
  cells[smallest].suppressed = TRUE;
  cells[smallest].secondary = TRUE;
  return hidden + 1;
}

/* ------------------------------------------------------------------------ */
/* For the importers                                                         */

GHashTable *
groups_areas_by_code (SteadTransaction  *txn,
                      GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) areas = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  SteadRows rows;

  stmt = stead_transaction_prepare (txn,
                                    "SELECT fid, upper (trim (code)) FROM area "
                                    "WHERE code IS NOT NULL AND trim (code) <> ''",
                                    error);
  if (stmt == NULL)
    return NULL;
  rows = (SteadRows) STEAD_ROWS_INIT (stmt, "area");
  while (stead_rows_next (&rows))
    g_hash_table_insert (areas, g_strdup ((const char *) sqlite3_column_text (stmt, 1)),
                         GINT_TO_POINTER ((int) sqlite3_column_int64 (stmt, 0)));
  if (!stead_rows_end (&rows, error))
    return NULL;
  return g_steal_pointer (&areas);
}

guint64
groups_file_size (GFile *file)
{
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                                 G_FILE_QUERY_INFO_NONE, NULL, NULL);

  return info != NULL ? (guint64) g_file_info_get_size (info) : 0;
}

/* ------------------------------------------------------------------------ */
/* Counts per area, HXL-tagged                                               */

typedef struct
{
  char  *group;
  char  *category;
  char  *code;
  char  *name;
  char  *kind;
  char  *source;
  char  *date;
  gint64 group_id;
  GroupsCell people;     /* value -1: no count in this area */
  GroupsCell households;
  gint64 reached;        /* -1 with no count */
  gint64 partners;
} GroupsHxlRow;

static void
groups_hxl_row_clear (gpointer data)
{
  GroupsHxlRow *row = data;

  g_free (row->group);
  g_free (row->category);
  g_free (row->code);
  g_free (row->name);
  g_free (row->kind);
  g_free (row->source);
  g_free (row->date);
}

static const char * const groups_hxl_headers[][2] = {
  { N_("Area code"), "#adm3+code" },
  { N_("Area"), "#adm3+name" },
  { N_("Kind of area"), "#adm3+type" },
  { N_("Target group"), "#group+name" },
  { N_("Category"), "#group+type" },
  { N_("People counted"), "#population" },
  { N_("Households on lists"), "#inneed+households" },
  { N_("People reached"), "#reached" },
  { N_("Partners reaching"), "#org+reach+num" },
  { N_("Source"), "#meta+source" },
  { N_("Date"), "#date" },
  { N_("Note"), "#meta+note" },
};

#define GROUPS_HXL_SQL                                                                        \
  "WITH pairs AS (SELECT group_id, area FROM groups_count "                                  \
  "  UNION SELECT l.group_id, h.area FROM groups_household h "                               \
  "  JOIN groups_household_list l ON l.id = h.list "                                         \
  "  WHERE l.group_id IS NOT NULL AND h.area IS NOT NULL AND l.purged IS NULL) "             \
  "SELECT p.group_id, g.name, g.category, a.code, a.name, a.kind, c.count, c.source, c.date, " \
  "  (SELECT count (*) FROM groups_household h JOIN groups_household_list l ON l.id = h.list " \
  "    WHERE l.group_id = p.group_id AND h.area = p.area AND l.purged IS NULL), "              \
  "  (SELECT count (DISTINCT r.organisation) FROM groups_reach r WHERE r.group_id = p.group_id " \
  "    AND (NOT EXISTS (SELECT 1 FROM groups_reach_area ra WHERE ra.reach = r.id) "          \
  "      OR EXISTS (SELECT 1 FROM groups_reach_area ra WHERE ra.reach = r.id "               \
  "        AND ra.area = p.area))) "                                                         \
  "FROM pairs p JOIN groups_group g ON g.id = p.group_id JOIN area a ON a.fid = p.area "     \
  "LEFT JOIN groups_count c ON c.group_id = p.group_id AND c.area = p.area "                \
  "ORDER BY g.name COLLATE NOCASE, g.id, a.kind, a.code, a.fid"

static char *
groups_hxl_dup_text (sqlite3_stmt *stmt,
                     int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static GArray *
groups_hxl_read (SteadWorkspace  *workspace,
                 GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = stead_workspace_prepare (workspace, GROUPS_HXL_SQL, error);
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (GroupsHxlRow));
  SteadRows it;

  if (stmt == NULL)
    return NULL;
  g_array_set_clear_func (rows, groups_hxl_row_clear);
  it = (SteadRows) STEAD_ROWS_INIT (stmt, "groups_count");
  while (stead_rows_next (&it))
    {
      GroupsHxlRow row = { 0 };

      row.group_id = sqlite3_column_int64 (stmt, 0);
      row.group = groups_hxl_dup_text (stmt, 1);
      row.category = groups_hxl_dup_text (stmt, 2);
      row.code = groups_hxl_dup_text (stmt, 3);
      row.name = groups_hxl_dup_text (stmt, 4);
      row.kind = groups_hxl_dup_text (stmt, 5);
      row.people.value = sqlite3_column_type (stmt, 6) == SQLITE_NULL
                           ? -1 : sqlite3_column_int64 (stmt, 6);
      row.source = groups_hxl_dup_text (stmt, 7);
      row.date = groups_hxl_dup_text (stmt, 8);
      row.households.value = sqlite3_column_int64 (stmt, 9);
      row.partners = sqlite3_column_int64 (stmt, 10);
      row.reached = row.people.value < 0 ? -1 : row.partners > 0 ? row.people.value : 0;
      g_array_append_val (rows, row);
    }
  if (!stead_rows_end (&it, error))
    return NULL;
  return g_steal_pointer (&rows);
}

/* Suppresses within each set of cells adding up to a total: one group's
 * counts (and households) over the areas of one kind. */
static void
groups_hxl_suppress (GArray *rows,
                     gint64  below)
{
  guint start = 0;

  while (start < rows->len)
    {
      GroupsHxlRow *first = &g_array_index (rows, GroupsHxlRow, start);
      g_autofree GroupsCell *people = NULL;
      g_autofree GroupsCell *households = NULL;
      guint end = start;

      while (end < rows->len &&
             g_array_index (rows, GroupsHxlRow, end).group_id == first->group_id &&
             g_strcmp0 (g_array_index (rows, GroupsHxlRow, end).kind, first->kind) == 0)
        end++;
      people = g_new0 (GroupsCell, end - start);
      households = g_new0 (GroupsCell, end - start);
      for (guint i = start; i < end; i++)
        {
          people[i - start] = g_array_index (rows, GroupsHxlRow, i).people;
          households[i - start] = g_array_index (rows, GroupsHxlRow, i).households;
        }
      groups_suppress_cells (people, end - start, below);
      groups_suppress_cells (households, end - start, below);
      for (guint i = start; i < end; i++)
        {
          g_array_index (rows, GroupsHxlRow, i).people = people[i - start];
          g_array_index (rows, GroupsHxlRow, i).households = households[i - start];
        }
      start = end;
    }
}

static void
groups_hxl_add_cell (SteadCsvWriter   *writer,
                     const GroupsCell *cell)
{
  if (cell->value < 0 || cell->suppressed)
    stead_csv_writer_add (writer, NULL);
  else
    stead_csv_writer_add_int (writer, cell->value);
}

static char *
groups_hxl_note (const GroupsHxlRow *row,
                 gint64              below)
{
  g_autoptr(GString) note = g_string_new (NULL);
  gboolean small = (row->people.suppressed && !row->people.secondary) ||
                   (row->households.suppressed && !row->households.secondary);
  gboolean secondary = (row->people.suppressed && row->people.secondary) ||
                       (row->households.suppressed && row->households.secondary);

  if (small)
    /* TRANSLATORS: %d: the suppression threshold, e.g. 5 */
    g_string_append_printf (note, _("Fewer than %d: left empty"), (int) below);
  if (secondary)
    {
      if (note->len > 0)
        g_string_append (note, "; ");
      g_string_append (note, _("Left empty so that a total cannot reveal a small count"));
    }
  return note->len > 0 ? g_string_free (g_steal_pointer (&note), FALSE) : NULL;
}

static gboolean
groups_hxl_export_run (SteadWorkspace            *workspace,
                       GOutputStream             *stream,
                       const SteadExportOptions  *options,
                       GCancellable              *cancellable,
                       GError                   **error)
{
  g_autoptr(SteadCsvWriter) writer = stead_csv_writer_new (stream, cancellable);
  g_autoptr(GArray) rows = groups_hxl_read (workspace, error);
  gint64 below = groups_suppress_below (workspace);

  if (rows == NULL)
    return FALSE;
  groups_hxl_suppress (rows, below);

  for (guint i = 0; i < G_N_ELEMENTS (groups_hxl_headers); i++)
    stead_csv_writer_add (writer, _(groups_hxl_headers[i][0]));
  if (!stead_csv_writer_end_row (writer, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (groups_hxl_headers); i++)
    stead_csv_writer_add (writer, groups_hxl_headers[i][1]);
  if (!stead_csv_writer_end_row (writer, error))
    return FALSE;

  for (guint i = 0; i < rows->len; i++)
    {
      GroupsHxlRow *row = &g_array_index (rows, GroupsHxlRow, i);
      GroupsCell reached = { row->reached, row->people.suppressed && row->reached != 0,
                             row->people.secondary };
      g_autofree char *note = groups_hxl_note (row, below);

      stead_csv_writer_add (writer, row->code);
      stead_csv_writer_add (writer, row->name);
      stead_csv_writer_add (writer, row->kind);
      stead_csv_writer_add (writer, row->group);
      stead_csv_writer_add (writer, row->category);
      groups_hxl_add_cell (writer, &row->people);
      groups_hxl_add_cell (writer, &row->households);
      groups_hxl_add_cell (writer, &reached);
      stead_csv_writer_add_int (writer, row->partners);
      stead_csv_writer_add (writer, row->source);
      stead_csv_writer_add (writer, row->date);
      stead_csv_writer_add (writer, note);
      if (!stead_csv_writer_end_row (writer, error))
        return FALSE;
    }
  return stead_csv_writer_finish (writer, error);
}

const SteadExportFormat groups_hxl_export = {
  .id = "groups-hxl",
  .title = N_("Target groups per area, HXL-tagged (CSV)"),
  .extensions = STEAD_EXTENSIONS ("csv"),
  .run = groups_hxl_export_run,
  .domain = GETTEXT_PACKAGE,
};

/* ------------------------------------------------------------------------ */
/* The groups as CSV                                                         */

/* The causes of vulnerability, as the CSV writes and reads them. */
static const SteadChoice groups_csv_causes[] = {
  { "capacity", N_("Cannot Help Themselves") },
  { "agency", N_("Not Permitted to Act") },
  { "awareness", N_("Unaware of the Risk") },
  { "preparedness", N_("Unprepared") },
  { NULL }
};

static const SteadField groups_csv_fields[] = {
  { "id", "identifier;ref", "#group +id" },
  { "name", "group;target group", "#group +name", TRUE, .label = N_("Name") },
  { "category", "type", "#group +type", .type = STEAD_FIELD_TERM, .vocabulary = "target-group",
    .label = N_("Category") },
  { "description", NULL, "#description", .label = N_("Description") },
  { "size", "estimate;estimated size", "#population", .type = STEAD_FIELD_INT, .min = 0,
    .max = 100000000, .label = N_("Estimated Size") },
  { "causes", "causes of vulnerability;vulnerability", "#meta +causes",
    .label = N_("Causes of Vulnerability") },
  { "needs", "needs in a disruption", "#meta +needs", .label = N_("Needs") },
  { "resilience", "baseline resilience", "#meta +resilience", .label = N_("Baseline Resilience") },
  { "counted", NULL, "#population +counted", .type = STEAD_FIELD_INT,
    .label = N_("Counted in Areas") },
  { "note", NULL, "#meta +note", .label = N_("Note") },
};

static gboolean
groups_hxl_csv_export_run (SteadWorkspace            *workspace,
                       GOutputStream             *stream,
                       const SteadExportOptions  *options,
                       GCancellable              *cancellable,
                       GError                   **error)
{
  g_autoptr(SteadCsvWriter) writer = stead_csv_writer_new (stream, cancellable);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *uid = stead_workspace_dup_uid (workspace);
  gint64 below = groups_suppress_below (workspace);
  SteadRows rows;

  stmt = stead_workspace_prepare (
    workspace,
    "SELECT g.id, g.name, g.category, g.description, g.size, g.capacity, g.agency, g.awareness, "
    "  g.preparedness, g.resilience, "
    "  (SELECT group_concat (kind, ';') FROM (SELECT kind FROM groups_need n "
    "    WHERE n.group_id = g.id ORDER BY kind)), "
    "  (SELECT sum (c.count) FROM groups_count c WHERE c.group_id = g.id) "
    "FROM groups_group g ORDER BY g.name COLLATE NOCASE, g.id",
    error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (groups_csv_fields); i++)
    stead_csv_writer_add (writer, groups_csv_fields[i].name);
  if (!stead_csv_writer_end_row (writer, error))
    return FALSE;

  rows = (SteadRows) STEAD_ROWS_INIT (stmt, "groups_group");
  while (stead_rows_next (&rows))
    {
      g_autofree char *id = stead_export_stable_id (uid, "groups_group",
                                                    sqlite3_column_int64 (stmt, 0), NULL);
      g_autoptr(GString) causes = g_string_new (NULL);
      gboolean has_size = sqlite3_column_type (stmt, 4) != SQLITE_NULL;
      gboolean has_counted = sqlite3_column_type (stmt, 11) != SQLITE_NULL;
      gint64 size = sqlite3_column_int64 (stmt, 4);
      gint64 counted = sqlite3_column_int64 (stmt, 11);
      gboolean hide_size = has_size && groups_suppress_hides (size, below);
      gboolean hide_counted = has_counted && groups_suppress_hides (counted, below);

      for (guint c = 0; c < 4; c++)
        if (sqlite3_column_int (stmt, 5 + c))
          g_string_append_printf (causes, "%s%s", causes->len > 0 ? ";" : "",
                                  groups_csv_causes[c].code);
      stead_csv_writer_add (writer, id);
      for (int c = 1; c <= 3; c++)
        stead_csv_writer_add (writer, (const char *) sqlite3_column_text (stmt, c));
      if (has_size && !hide_size)
        stead_csv_writer_add_int (writer, size);
      else
        stead_csv_writer_add (writer, NULL);
      stead_csv_writer_add (writer, causes->str);
      stead_csv_writer_add (writer, (const char *) sqlite3_column_text (stmt, 10));
      stead_csv_writer_add (writer, (const char *) sqlite3_column_text (stmt, 9));
      if (has_counted && !hide_counted)
        stead_csv_writer_add_int (writer, counted);
      else
        stead_csv_writer_add (writer, NULL);
      if (hide_size || hide_counted)
        {
          g_autofree char *note = g_strdup_printf (_("Fewer than %d: left empty"), (int) below);

          stead_csv_writer_add (writer, note);
        }
      else
        stead_csv_writer_add (writer, NULL);
      if (!stead_csv_writer_end_row (writer, error))
        return FALSE;
    }
  return stead_rows_end (&rows, error) && stead_csv_writer_finish (writer, error);
}

const SteadExportFormat groups_csv_export = {
  .id = "groups-csv",
  .title = N_("Target groups (CSV)"),
  .extensions = STEAD_EXTENSIONS ("csv"),
  .run = groups_hxl_csv_export_run,
  .domain = GETTEXT_PACKAGE,
};

/* The causes a cell names, as bits of groups_csv_causes; -1 having
 * rejected the row. */
static int
groups_hxl_csv_read_causes (SteadImportRow *row,
                        const char     *text)
{
  g_auto(GStrv) words = g_strsplit_set (text, ";,", -1);
  int bits = 0;

  for (guint i = 0; words[i] != NULL; i++)
    {
      gboolean found = FALSE;

      g_strstrip (words[i]);
      if (words[i][0] == '\0')
        continue;
      for (guint c = 0; !found && groups_csv_causes[c].code != NULL; c++)
        if (g_ascii_strcasecmp (words[i], groups_csv_causes[c].code) == 0 ||
            g_utf8_collate (words[i], _(groups_csv_causes[c].label)) == 0 ||
            g_ascii_strcasecmp (words[i], groups_csv_causes[c].label) == 0)
          {
            bits |= 1 << c;
            found = TRUE;
          }
      if (!found)
        {
          stead_import_row_reject (row,
                                   _("causes “%s” is not one of: capacity, agency, awareness or "
                                     "preparedness"),
                                   words[i]);
          return -1;
        }
    }
  return bits;
}

/* The need kinds a cell names, as codes; NULL having rejected the row. */
static GPtrArray *
groups_hxl_csv_read_needs (SteadImportRow *row,
                       const char     *text)
{
  SteadTransaction *txn = stead_import_context_get_transaction (stead_import_row_get_context (row));
  g_auto(GStrv) words = g_strsplit_set (text, ";,", -1);
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; words[i] != NULL; i++)
    {
      g_auto(GStrv) parts = NULL;
      g_autofree char *code = NULL;

      g_strstrip (words[i]);
      if (words[i][0] == '\0')
        continue;
      code = stead_workspace_query_text (
        stead_transaction_get_workspace (txn),
        "SELECT code FROM taxonomy WHERE vocabulary = 'need-kind' "
        "AND (code = ?1 OR label = ?1 COLLATE NOCASE) ORDER BY code = ?1 DESC LIMIT 1",
        STEAD_ARGS (STEAD_STRING (words[i])));
      if (code != NULL)
        {
          g_ptr_array_add (codes, g_steal_pointer (&code));
          continue;
        }
      /* The space-separated codes the page shows ("food heating"). */
      parts = g_strsplit_set (words[i], " \t", -1);
      for (guint p = 0; parts[p] != NULL; p++)
        {
          if (parts[p][0] == '\0')
            continue;
          code = stead_workspace_query_text (
            stead_transaction_get_workspace (txn),
            "SELECT code FROM taxonomy WHERE vocabulary = 'need-kind' AND code = ?1",
            STEAD_ARGS (STEAD_STRING (parts[p])));
          if (code == NULL)
            {
              stead_import_row_reject (row, _("needs “%s” is not a kind of need"), words[i]);
              return NULL;
            }
          g_ptr_array_add (codes, g_steal_pointer (&code));
        }
    }
  return g_steal_pointer (&codes);
}

static gboolean
groups_hxl_csv_import_row (SteadImportRow  *row,
                       gpointer         user_data,
                       GError         **error)
{
  SteadImportContext *context = stead_import_row_get_context (row);
  SteadTransaction *txn = stead_import_context_get_transaction (context);
  const char *id_text = NULL, *name = NULL, *category = NULL, *description = NULL;
  const char *causes_text = NULL, *needs_text = NULL, *resilience = NULL;
  g_autoptr(GPtrArray) needs = NULL;
  gint64 size = -1, id = 0;
  int causes = -1;

  if (!stead_import_row_get_text (row, "id", &id_text) ||
      !stead_import_row_get_text (row, "name", &name) ||
      !stead_import_row_get_string (row, "category", &category) ||
      !stead_import_row_get_text (row, "description", &description) ||
      !stead_import_row_get_int (row, "size", &size) ||
      !stead_import_row_get_text (row, "causes", &causes_text) ||
      !stead_import_row_get_text (row, "needs", &needs_text) ||
      !stead_import_row_get_text (row, "resilience", &resilience))
    return TRUE;
  if (causes_text != NULL && (causes = groups_hxl_csv_read_causes (row, causes_text)) < 0)
    return TRUE;
  if (needs_text != NULL && (needs = groups_hxl_csv_read_needs (row, needs_text)) == NULL)
    return TRUE;

  /* This workspace's own export updates its rows; others match by name. */
  id = stead_import_context_find_own_id (context, "groups_group",
                                         "SELECT id FROM groups_group WHERE id = ?1", id_text);
  if (id == 0)
    stead_transaction_query_int64 (txn,
                                   "SELECT id FROM groups_group WHERE name = ?1 COLLATE NOCASE "
                                   "ORDER BY id LIMIT 1",
                                   STEAD_ARGS (STEAD_STRING (name)), &id);
  if (id > 0)
    {
      /* An empty cell keeps what is there (the export leaves suppressed
       * sizes empty). */
      if (stead_transaction_run (
            txn,
            "UPDATE groups_group SET name = ?1, category = coalesce (?2, category), "
            "description = coalesce (?3, description), size = coalesce (?4, size), "
            "capacity = coalesce (?5 & 1, capacity), agency = coalesce ((?5 >> 1) & 1, agency), "
            "awareness = coalesce ((?5 >> 2) & 1, awareness), "
            "preparedness = coalesce ((?5 >> 3) & 1, preparedness), "
            "resilience = coalesce (?6, resilience) WHERE id = ?7",
            STEAD_ARGS (STEAD_STRING (name), STEAD_TEXT (category), STEAD_TEXT (description),
                        STEAD_INT_OR_NULL (size, size >= 0),
                        STEAD_INT_OR_NULL (causes, causes >= 0), STEAD_TEXT (resilience),
                        STEAD_INT (id)),
            error) < 0)
        return FALSE;
      stead_import_context_updated_named (context, name);
    }
  else
    {
      id = stead_transaction_run (
        txn,
        "INSERT INTO groups_group (name, category, description, size, capacity, agency, "
        "awareness, preparedness, resilience) VALUES (?1, ?2, ?3, ?4, coalesce (?5 & 1, 0), "
        "coalesce ((?5 >> 1) & 1, 0), coalesce ((?5 >> 2) & 1, 0), coalesce ((?5 >> 3) & 1, 0), "
        "?6)",
        STEAD_ARGS (STEAD_STRING (name), STEAD_TEXT (category), STEAD_TEXT (description),
                    STEAD_INT_OR_NULL (size, size >= 0), STEAD_INT_OR_NULL (causes, causes >= 0),
                    STEAD_TEXT (resilience)),
        error);
      if (id < 0)
        return FALSE;
      stead_import_context_added_named (context, name);
    }
  if (needs != NULL)
    {
      if (stead_transaction_run (txn, "DELETE FROM groups_need WHERE group_id = ?1",
                                 STEAD_ARGS (STEAD_INT (id)), error) < 0)
        return FALSE;
      for (guint i = 0; i < needs->len; i++)
        if (stead_transaction_run (
              txn, "INSERT OR IGNORE INTO groups_need (group_id, kind) VALUES (?, ?)",
              STEAD_ARGS (STEAD_INT (id), STEAD_STRING (g_ptr_array_index (needs, i))), error) < 0)
          return FALSE;
    }
  return TRUE;
}

static gboolean
groups_hxl_csv_import_run (SteadImportContext  *context,
                       GError             **error)
{
  return stead_import_context_foreach_row (context, NULL, groups_hxl_csv_import_row, NULL, error);
}

const SteadImportFormat groups_csv_import = {
  .id = "groups-csv",
  .title = N_("Target groups (CSV)"),
  .extensions = STEAD_EXTENSIONS ("csv", "tsv"),
  .fields = groups_csv_fields,
  .n_fields = G_N_ELEMENTS (groups_csv_fields),
  .run = groups_hxl_csv_import_run,
  .domain = GETTEXT_PACKAGE,
};
