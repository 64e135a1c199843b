/* stead-import-detect.c: which import format a file is, from its content
 *
 * The window and `stead-cli import` without --format read the start of
 * the file (a CSV header, the shape of its JSON, its XML root, the SQLite
 * signature), ask every format how well it fits, and take the best; when
 * several fit as well, the user chooses among them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stead-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "stead-column-map.h"
#include "stead-csv-reader.h"
#include "stead-format.h"
#include "stead-importer.h"
#include "stead-import-formats-private.h"

/* Enough for a header of a few hundred columns and a JSON object's keys. */
#define STEAD_IMPORT_SAMPLE_SIZE (64 * 1024)

typedef struct
{
  SteadImportSample  sample;
  GBytes            *bytes;
  char             **header;
  char             **row;
  char              *root;
  char              *json_type;
  GPtrArray         *json_keys;
} SteadImportDetect;

static void
stead_import_detect_clear (SteadImportDetect *self)
{
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_pointer (&self->header, g_strfreev);
  g_clear_pointer (&self->row, g_strfreev);
  g_clear_pointer (&self->root, g_free);
  g_clear_pointer (&self->json_type, g_free);
  g_clear_pointer (&self->json_keys, g_ptr_array_unref);
}

static const char *
stead_import_detect_skip_space (const char *p,
                                const char *end)
{
  while (p < end && g_ascii_isspace (*p))
    p++;
  return p;
}

/* The root element's local name: past the declaration, comments and the
 * doctype. */
static char *
stead_import_detect_xml_root (const char *p,
                              const char *end)
{
  while (p < end)
    {
      const char *name, *q;

      p = stead_import_detect_skip_space (p, end);
      if (p >= end || *p != '<')
        return NULL;
      if (p + 3 < end && p[1] == '!' && p[2] == '-' && p[3] == '-')
        {
          const char *close = g_strstr_len (p + 4, end - p - 4, "-->");

          if (close == NULL)
            return NULL;
          p = close + 3;
          continue;
        }
      if (p + 1 < end && (p[1] == '?' || p[1] == '!'))
        {
          const char *close = memchr (p, '>', end - p);

          if (close == NULL)
            return NULL;
          p = close + 1;
          continue;
        }
      name = p + 1;
      for (q = name; q < end && !g_ascii_isspace (*q) && *q != '>' && *q != '/'; q++)
        if (*q == ':')
          name = q + 1;
      return q > name ? g_strndup (name, q - name) : NULL;
    }
  return NULL;
}

/* The members of the top-level object (or of an array's first object) and
 * its "type", read from the start of the text: the whole file need not be
 * there, nor valid. */
static void
stead_import_detect_json (SteadImportDetect *self,
                          const char        *p,
                          const char        *end)
{
  int depth = 0, key_depth = -1;
  gboolean expect_key = FALSE, type_next = FALSE;
  g_autofree char *last_key = NULL;

  self->json_keys = g_ptr_array_new_with_free_func (g_free);
  for (; p < end; p++)
    {
      if (*p == '"')
        {
          GString *text = g_string_new (NULL);

          for (p++; p < end && *p != '"'; p++)
            {
              if (*p == '\\' && p + 1 < end)
                p++;
              g_string_append_c (text, *p);
            }
          if (depth == key_depth && expect_key)
            {
              g_free (last_key);
              last_key = g_strdup (text->str);
              g_ptr_array_add (self->json_keys, g_string_free (text, FALSE));
              expect_key = FALSE;
              continue;
            }
          if (depth == key_depth && type_next && self->json_type == NULL)
            self->json_type = g_strdup (text->str);
          type_next = FALSE;
          g_string_free (text, TRUE);
          continue;
        }
      switch (*p)
        {
        case '{':
          depth++;
          if (key_depth < 0)
            key_depth = depth;
          expect_key = depth == key_depth;
          break;
        case '[':
          depth++;
          break;
        case '}':
          if (depth == key_depth)
            return;   /* the first object is all there is to know */
          depth--;
          break;
        case ']':
          depth--;
          break;
        case ',':
          expect_key = depth == key_depth;
          break;
        case ':':
          type_next = depth == key_depth && g_strcmp0 (last_key, "type") == 0;
          break;
        default:
          break;
        }
    }
}

static void
stead_import_detect_csv (SteadImportDetect *self,
                         GCancellable      *cancellable)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (self->bytes);
  g_autoptr(SteadCsvReader) reader = stead_csv_reader_new (stream, self->sample.basename);
  g_autoptr(GPtrArray) fields = NULL;

  if (!stead_csv_reader_read_header (reader, cancellable, NULL))
    return;
  self->header = g_strdupv ((char **) stead_csv_reader_get_header (reader));
  if (stead_csv_reader_next (reader, &fields, NULL, cancellable, NULL) && fields != NULL)
    {
      self->row = g_new0 (char *, fields->len + 1);
      for (guint i = 0; i < fields->len; i++)
        self->row[i] = g_strdup (g_ptr_array_index (fields, i));
    }
}

static gboolean
stead_import_detect_read (SteadImportDetect  *self,
                          GFile              *file,
                          GCancellable       *cancellable,
                          GError            **error)
{
  g_autoptr(GFileInputStream) in = g_file_read (file, cancellable, error);
  const char *data, *p, *end;
  gsize length;

  if (in == NULL)
    return FALSE;
  self->bytes = g_input_stream_read_bytes (G_INPUT_STREAM (in), STEAD_IMPORT_SAMPLE_SIZE,
                                           cancellable, error);
  if (self->bytes == NULL)
    return FALSE;
  data = g_bytes_get_data (self->bytes, &length);
  self->sample.data = (const guint8 *) data;
  self->sample.length = length;
  end = data + length;
  p = data;
  if (length >= 3 && memcmp (p, "\xef\xbb\xbf", 3) == 0)
    p += 3;
  p = stead_import_detect_skip_space (p, end);

  if (length >= 16 && memcmp (data, "SQLite format 3", 16) == 0)
    self->sample.content = STEAD_IMPORT_CONTENT_SQLITE;
  else if (p < end && (*p == '{' || *p == '['))
    {
      self->sample.content = STEAD_IMPORT_CONTENT_JSON;
      stead_import_detect_json (self, p, end);
      self->sample.json_type = self->json_type;
      g_ptr_array_add (self->json_keys, NULL);
      self->sample.json_keys = (const char * const *) self->json_keys->pdata;
    }
  else if (p < end && *p == '<')
    {
      self->sample.content = STEAD_IMPORT_CONTENT_XML;
      self->root = stead_import_detect_xml_root (p, end);
      self->sample.root = self->root;
    }
  else if (memchr (data, '\0', length) != NULL &&
           !(length >= 2 && ((guint8) data[0] == 0xff || (guint8) data[0] == 0xfe)))
    self->sample.content = STEAD_IMPORT_CONTENT_BINARY;
  else
    {
      self->sample.content = STEAD_IMPORT_CONTENT_TEXT;
      stead_import_detect_csv (self, cancellable);
      self->sample.header = (const char * const *) self->header;
      self->sample.row = (const char * const *) self->row;
    }
  return TRUE;
}

/**
 * stead_import_sample_has_column:
 * @sample: the start of a file
 * @name: a column name
 *
 * Returns: whether the CSV header has a column @name, in any case
 */
gboolean
stead_import_sample_has_column (const SteadImportSample *sample,
                                const char              *name)
{
  g_return_val_if_fail (sample != NULL && name != NULL, FALSE);

  for (guint i = 0; sample->header != NULL && sample->header[i] != NULL; i++)
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (sample->header[i]));

      if (g_ascii_strcasecmp (trimmed, name) == 0)
        return TRUE;
    }
  return FALSE;
}

/**
 * stead_import_sample_has_key:
 * @sample: the start of a file
 * @key: a member name
 *
 * Returns: whether the top-level JSON object (or an array's first) has @key
 */
gboolean
stead_import_sample_has_key (const SteadImportSample *sample,
                             const char              *key)
{
  g_return_val_if_fail (sample != NULL && key != NULL, FALSE);

  return sample->json_keys != NULL && g_strv_contains (sample->json_keys, key);
}

/* A tabular format fits a header that fills its required fields and at
 * least two of its fields: 10 and a point for each field filled. */
guint
stead_import_detect_by_header (SteadImporter           *importer,
                               const SteadImportSample *sample)
{
  const SteadImportField *fields;
  g_autoptr(SteadColumnMap) map = NULL;
  guint n_fields, n_mapped = 0;

  fields = stead_importer_get_fields (importer, &n_fields);
  if (fields == NULL || sample->content != STEAD_IMPORT_CONTENT_TEXT || sample->header == NULL)
    return 0;
  map = stead_column_map_new_auto (fields, n_fields, sample->header, NULL);
  if (map == NULL || !stead_column_map_check (map, NULL))
    return 0;
  for (guint i = 0; i < n_fields; i++)
    if (stead_column_map_get_column (map, fields[i].name) >= 0)
      n_mapped++;
  return n_mapped >= 2 ? 10 + n_mapped : 0;
}

/**
 * stead_import_detect:
 * @importers: (element-type SteadImporter): from stead_import_list_importers()
 * @file: the file to import
 * @cancellable: (nullable): a #GCancellable
 * @error: a #GError, if the file cannot be read
 *
 * Reads the start of @file and asks each importer how well it fits
 * (stead_importer_detect()).
 *
 * Returns: (transfer container) (element-type SteadImporter): those that
 *   fit best, in the order of @importers: one, several that fit as well
 *   (the user chooses, see stead_import_describe_candidates()), or none;
 *   %NULL with @error if @file cannot be read
 */
GPtrArray *
stead_import_detect (GPtrArray     *importers,
                     GFile         *file,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autofree char *basename = NULL;
  SteadImportDetect self = { { 0 } };
  GPtrArray *best;
  guint best_score = 0;

  g_return_val_if_fail (importers != NULL, NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  basename = g_file_get_basename (file);
  self.sample.basename = basename;
  if (!stead_import_detect_read (&self, file, cancellable, error))
    {
      stead_import_detect_clear (&self);
      return NULL;
    }
  best = g_ptr_array_new ();
  for (guint i = 0; i < importers->len; i++)
    {
      SteadImporter *importer = g_ptr_array_index (importers, i);
      guint score = stead_importer_detect (importer, &self.sample);

      if (score == 0 || score < best_score)
        continue;
      if (score > best_score)
        g_ptr_array_set_size (best, 0);
      best_score = score;
      g_ptr_array_add (best, importer);
    }
  stead_import_detect_clear (&self);
  return best;
}

/**
 * stead_import_describe_candidates:
 * @candidates: (element-type SteadImporter): formats that fit a file
 *
 * Returns: (transfer full): their titles, as a message lists them
 *   ("Boundaries and areas (GeoJSON) or Hazard areas of risks (GeoJSON)")
 */
char *
stead_import_describe_candidates (GPtrArray *candidates)
{
  g_autoptr(GString) out = g_string_new (NULL);

  g_return_val_if_fail (candidates != NULL, NULL);

  for (guint i = 0; i < candidates->len; i++)
    {
      if (i > 0)
        g_string_append (out, i + 1 == candidates->len ? _(" or ") : ", ");
      g_string_append (out, stead_importer_get_title (g_ptr_array_index (candidates, i)));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * stead_import_detect_geojson:
 * @sample: the start of a file
 *
 * For a format that reads any GeoJSON feature collection or feature.
 *
 * Returns: %STEAD_IMPORT_FITS_SURELY / 2 for GeoJSON, else 0
 */
guint
stead_import_detect_geojson (const SteadImportSample *sample)
{
  return sample->content == STEAD_IMPORT_CONTENT_JSON &&
             (g_strcmp0 (sample->json_type, "FeatureCollection") == 0 ||
              g_strcmp0 (sample->json_type, "Feature") == 0)
           ? STEAD_IMPORT_FITS_SURELY / 2
           : 0;
}

/**
 * stead_import_detect_gpkg:
 * @sample: the start of a file
 *
 * For a format that reads a layer of any GeoPackage.
 *
 * Returns: %STEAD_IMPORT_FITS_SURELY / 2 for an SQLite file, else 0
 */
guint
stead_import_detect_gpkg (const SteadImportSample *sample)
{
  return sample->content == STEAD_IMPORT_CONTENT_SQLITE ? STEAD_IMPORT_FITS_SURELY / 2 : 0;
}
