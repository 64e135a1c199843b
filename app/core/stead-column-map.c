/* stead-column-map.c: which CSV column feeds which field of an import
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Automatic first: an HXL tag match wins, then the field's name or an
 * alias, compared without case, spaces, dashes and underscores
 * ("Post Code" = "post_code" = "postcode"). The user's choices, in the
 * import dialog or as `--map "field=Column,field=Column"` on the CLI,
 * override it, and the same text form is what is saved per source.
 */

#define G_LOG_DOMAIN "stead-column-map"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "stead-column-map.h"

struct _SteadColumnMap
{
  const SteadImportField *fields;
  guint                   n_fields;
  char                  **header;
  int                    *columns;   /* per field: a header index, or -1 */
  /* The field each name asked for last stood for, by the name's address:
   * importers ask by the same literals for every row, and a scan of the
   * fields for each of a million cells showed in the import benches. */
  GHashTable             *asked;
};

G_DEFINE_QUARK (stead-column-map-error-quark, stead_column_map_error)

/* "Post Code", "post_code" and "POSTCODE" are one name. */
static char *
stead_column_map_normalise (const char *name)
{
  GString *out = g_string_new (NULL);

  for (const char *p = name; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == ' ' || c == '_' || c == '-' || c == '.' || c == '\t')
        continue;
      g_string_append_unichar (out, g_unichar_tolower (c));
    }
  return g_string_free (out, FALSE);
}

/* HXL tags match on the hashtag and its attributes in any order. */
static gboolean
stead_column_map_hxl_matches (const char *column_tag,
                              const char *field_tag)
{
  g_auto(GStrv) want = NULL;
  g_auto(GStrv) have = NULL;

  if (column_tag == NULL || field_tag == NULL || column_tag[0] != '#')
    return FALSE;
  want = g_strsplit_set (field_tag, " +", -1);
  have = g_strsplit_set (column_tag, " +", -1);
  if (g_ascii_strcasecmp (want[0], have[0]) != 0)
    return FALSE;
  for (guint i = 1; want[i] != NULL; i++)
    {
      gboolean found = FALSE;

      if (want[i][0] == '\0')
        continue;
      for (guint j = 1; have[j] != NULL && !found; j++)
        found = g_ascii_strcasecmp (want[i], have[j]) == 0;
      if (!found)
        return FALSE;
    }
  return TRUE;
}

static int
stead_column_map_find_header (SteadColumnMap *self,
                              const char     *column)
{
  g_autofree char *wanted = stead_column_map_normalise (column);

  for (guint i = 0; self->header[i] != NULL; i++)
    {
      g_autofree char *name = stead_column_map_normalise (self->header[i]);

      if (g_str_equal (name, wanted))
        return i;
    }
  return -1;
}

static int
stead_column_map_find_field (SteadColumnMap *self,
                             const char     *field)
{
  gpointer hit;

  if (self->asked == NULL)
    self->asked = g_hash_table_new (NULL, NULL);
  /* The address may since hold another name: the cached field is
   * checked, one comparison instead of a scan. */
  if ((hit = g_hash_table_lookup (self->asked, field)) != NULL &&
      g_ascii_strcasecmp (self->fields[GPOINTER_TO_INT (hit) - 1].name, field) == 0)
    return GPOINTER_TO_INT (hit) - 1;
  for (guint f = 0; f < self->n_fields; f++)
    if (g_ascii_strcasecmp (self->fields[f].name, field) == 0)
      {
        g_hash_table_insert (self->asked, (gpointer) field, GINT_TO_POINTER (f + 1));
        return f;
      }
  return -1;
}

/**
 * stead_column_map_new_auto:
 * @fields: (array length=n_fields): what the importer fills
 * @n_fields: how many
 * @header: the CSV header
 * @hxl_tags: (nullable): the HXL hashtag row, if any
 *
 * Returns: (transfer full): the automatic mapping; each column is used
 *   for one field at most
 */
SteadColumnMap *
stead_column_map_new_auto (const SteadImportField *fields,
                           guint                   n_fields,
                           const char * const     *header,
                           const char * const     *hxl_tags)
{
  SteadColumnMap *self = g_new0 (SteadColumnMap, 1);
  g_autofree gboolean *taken = NULL;
  guint n_columns;

  g_return_val_if_fail (fields != NULL || n_fields == 0, NULL);
  g_return_val_if_fail (header != NULL, NULL);

  self->fields = fields;
  self->n_fields = n_fields;
  self->header = g_strdupv ((char **) header);
  self->columns = g_new (int, MAX (n_fields, 1));
  n_columns = g_strv_length (self->header);
  taken = g_new0 (gboolean, MAX (n_columns, 1));

  for (guint f = 0; f < n_fields; f++)
    self->columns[f] = -1;

  /* HXL first: it is the publisher's own statement of meaning. */
  if (hxl_tags != NULL)
    for (guint f = 0; f < n_fields; f++)
      for (guint c = 0; c < n_columns && hxl_tags[c] != NULL && self->columns[f] < 0; c++)
        if (!taken[c] && stead_column_map_hxl_matches (hxl_tags[c], fields[f].hxl))
          {
            self->columns[f] = c;
            taken[c] = TRUE;
          }

  for (guint f = 0; f < n_fields; f++)
    {
      g_autofree char *candidates = NULL;
      g_auto(GStrv) names = NULL;

      if (self->columns[f] >= 0)
        continue;
      /* The field's own name, then its aliases, in order. */
      candidates =
        g_strconcat (fields[f].name, ";", fields[f].aliases != NULL ? fields[f].aliases : "", NULL);
      names = g_strsplit (candidates, ";", -1);
      for (guint a = 0; names[a] != NULL && self->columns[f] < 0; a++)
        {
          int c;

          if (names[a][0] == '\0')
            continue;
          c = stead_column_map_find_header (self, names[a]);
          if (c >= 0 && !taken[c])
            {
              self->columns[f] = c;
              taken[c] = TRUE;
            }
        }
    }

  return self;
}

/**
 * stead_column_map_apply_spec:
 * @self: a #SteadColumnMap
 * @spec: "field=Column,field=Column"; "field=" unmaps a field
 * @error: a #GError
 *
 * Applies the user's choices over the automatic mapping. On error the
 * mapping is unchanged.
 *
 * Returns: %TRUE on success
 */
gboolean
stead_column_map_apply_spec (SteadColumnMap  *self,
                             const char      *spec,
                             GError         **error)
{
  g_autofree int *columns = NULL;
  g_auto(GStrv) pairs = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (spec != NULL, FALSE);

  columns = g_memdup2 (self->columns, MAX (self->n_fields, 1) * sizeof (int));
  pairs = g_strsplit (spec, ",", -1);

  for (guint i = 0; pairs[i] != NULL; i++)
    {
      char *pair = g_strstrip (pairs[i]);
      char *eq = strchr (pair, '=');
      int field;
      int column = -1;

      if (pair[0] == '\0')
        continue;
      if (eq == NULL)
        {
          g_set_error (error, STEAD_COLUMN_MAP_ERROR, STEAD_COLUMN_MAP_ERROR_SYNTAX,
                       _("Cannot read the mapping “%s”: write field=Column"), pair);
          return FALSE;
        }
      *eq = '\0';
      g_strstrip (pair);
      if ((field = stead_column_map_find_field (self, pair)) < 0)
        {
          g_set_error (error, STEAD_COLUMN_MAP_ERROR, STEAD_COLUMN_MAP_ERROR_UNKNOWN,
                       _("There is no field “%s” to map"), pair);
          return FALSE;
        }
      if (*g_strstrip (eq + 1) != '\0' &&
          (column = stead_column_map_find_header (self, eq + 1)) < 0)
        {
          g_set_error (error, STEAD_COLUMN_MAP_ERROR, STEAD_COLUMN_MAP_ERROR_UNKNOWN,
                       _("The file has no column “%s” (for the field “%s”)"), eq + 1, pair);
          return FALSE;
        }
      /* A column moved to this field is taken from any other. */
      for (guint f = 0; f < self->n_fields && column >= 0; f++)
        if (columns[f] == column)
          columns[f] = -1;
      columns[field] = column;
    }

  memcpy (self->columns, columns, self->n_fields * sizeof (int));
  return TRUE;
}

/**
 * stead_column_map_check:
 * @self: a #SteadColumnMap
 * @error: a #GError
 *
 * Returns: %FALSE, naming every required field without a column, if any
 */
gboolean
stead_column_map_check (SteadColumnMap  *self,
                        GError         **error)
{
  g_autoptr(GString) missing = g_string_new (NULL);

  g_return_val_if_fail (self != NULL, FALSE);

  for (guint f = 0; f < self->n_fields; f++)
    if (self->fields[f].required && self->columns[f] < 0)
      g_string_append_printf (missing, "%s%s", missing->len > 0 ? ", " : "", self->fields[f].name);

  if (missing->len > 0)
    {
      g_set_error (error, STEAD_COLUMN_MAP_ERROR, STEAD_COLUMN_MAP_ERROR_MISSING,
                   _("No column for the required fields: %s (choose a column for each)"),
                   missing->str);
      return FALSE;
    }
  return TRUE;
}

/**
 * stead_column_map_get_column:
 * @self: a #SteadColumnMap
 * @field: a field name
 *
 * Returns: the column index, or -1 if the field is not mapped
 */
int
stead_column_map_get_column (SteadColumnMap *self,
                             const char     *field)
{
  int f;

  g_return_val_if_fail (self != NULL, -1);

  f = stead_column_map_find_field (self, field);
  return f >= 0 ? self->columns[f] : -1;
}

/**
 * stead_column_map_to_spec:
 * @self: a #SteadColumnMap
 *
 * Returns: (transfer full): the mapping as "field=Column,…", to save for
 *   the next file from the same source or pass back as --map
 */
char *
stead_column_map_to_spec (SteadColumnMap *self)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (self != NULL, NULL);

  for (guint f = 0; f < self->n_fields; f++)
    if (self->columns[f] >= 0)
      g_string_append_printf (out, "%s%s=%s", out->len > 0 ? "," : "", self->fields[f].name,
                              self->header[self->columns[f]]);
  return g_string_free (out, FALSE);
}

void
stead_column_map_free (SteadColumnMap *self)
{
  if (self == NULL)
    return;
  g_strfreev (self->header);
  g_free (self->columns);
  g_clear_pointer (&self->asked, g_hash_table_unref);
  g_free (self);
}
