/* stead-csv-reader.c: streaming CSV for every importer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RFC 4180 parsing (quotes, embedded newlines, CR, LF and CRLF) behaves
 * exactly as Debian's libcsv does in strict mode, which the fuzz target
 * checks on every input; it is our own because bench/csv-read showed
 * libcsv's byte-at-a-time copy taking most of the time. Fields are
 * scanned through a table of the bytes that end them (quoted ones a word
 * at a time first), and the usual end of a field (a delimiter right after
 * it) is taken without another turn of the state machine. Around it: a
 * UTF-8 byte order mark is skipped, UTF-16 with a byte order mark is
 * converted, a file that is not UTF-8 is read as Windows-1252 (and says
 * so), a field of a UTF-8 file that is not UTF-8 is read as Windows-1252
 * too (counted, for a warning), a field that is neither marks its row
 * undecodable (the importer rejects the row with its line), the delimiter
 * (comma, semicolon or tab) is taken from the header line, an HXL hashtag
 * row after the header is recognised, and every row knows the physical
 * line it starts on, for error messages. Reads 256 KiB at a time: any size.
 */

#define G_LOG_DOMAIN "stead-csv"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "stead-csv-reader.h"

#define CHUNK (256 * 1024)
/* The chunk is allocated this much longer, so that a short run is copied
 * with moves of a fixed size, which need no call. */
#define CHUNK_SLACK 16

struct _SteadCsvReader
{
  GObject            parent_instance;

  GInputStream      *stream;
  char              *name;
  gboolean           parser_ready;
  int                state;         /* ParseState */
  gboolean           quoted;        /* the field being parsed is quoted */
  gboolean           line_ends;     /* the quoted field being parsed holds a CR or LF */
  guint              spaces;        /* trailing spaces and tabs of an unquoted field */
  guint              field_start;   /* where the field being parsed starts in the arena */
  guint8            *chunk;
  gboolean           eof;
  guint64            bytes_read;

  char               delimiter;
  guint8             stops[256];    /* what ends an unquoted run: the delimiter, CR, LF, " */
  gboolean           cp1252;        /* the whole file is Windows-1252 */
  gboolean           utf16;         /* read through a converter from UTF-16 */
  gboolean           check_fields;  /* a chunk was not UTF-8: check each field */
  guint64            n_fallback;    /* fields of a UTF-8 file read as Windows-1252 */
  guint              row_bad;       /* the first undecodable field of the row parsed, from 1 */
  guint              bad;           /* the same, of the row handed out */
  GString           *scratch;       /* a field being converted */
  char             **header;
  char             **hxl;

  /* Parsing state. The fields of the rows parsed from a chunk live in
   * one arena, NUL-terminated, until every row has been handed out; then
   * the arena is reused. No allocation per row or field. */
  GString           *arena;
  GArray            *fields;        /* guint: where each field starts in the arena */
  GArray            *rows;          /* RowInfo: the complete rows */
  guint              fields_cap;
  guint              rows_cap;
  guint              next_row;      /* the next row to hand out */
  guint              pending;       /* the first field of the row being parsed */
  GPtrArray         *row_ptrs;      /* the fields of the row handed out */
  guint64            line;          /* lines finished so far */
  guint64            row_line;      /* where the current row started */
  gboolean           after_cr;
  guint8             carry[4];      /* a UTF-8 character cut by a read */
  gsize              carry_len;
};

typedef struct
{
  guint   first;
  guint   n_fields;
  guint   bad;        /* the first field in neither UTF-8 nor Windows-1252, from 1; or 0 */
  guint64 line;
} RowInfo;

G_DEFINE_FINAL_TYPE (SteadCsvReader, stead_csv_reader, G_TYPE_OBJECT)
G_DEFINE_QUARK (stead-csv-error-quark, stead_csv_error)

/* g_array_append_val() checks for overflow with a division on every call;
 * per field, that was a tenth of the reading time. Grow by doubling and
 * write in place; @size is the element's, a constant, so the copy is a
 * move (g_array_get_element_size() is a call). */
static inline void
stead_csv_reader_append_fast (GArray        *array,
                              guint         *capacity,
                              gconstpointer  element,
                              gsize          size)
{
  if (G_UNLIKELY (array->len >= *capacity))
    {
      guint len = array->len;

      *capacity = MAX (1024, *capacity * 2);
      g_array_set_size (array, *capacity);
      array->len = len;
    }
  memcpy (array->data + (gsize) array->len * size, element, size);
  array->len++;
}

typedef enum
{
  ROW_START,     /* before the first field of a row */
  FIELD_START,   /* after a delimiter */
  UNQUOTED,      /* in an unquoted field */
  QUOTED,        /* in a quoted field */
  QUOTE_SEEN,    /* after a quote in a quoted field: its end, or the first of "" */
} ParseState;

/* Appends @len bytes of the chunk at @data (the CHUNK_SLACK bytes after
 * it are readable). */
static inline void
stead_csv_reader_arena_append (GString      *arena,
                               const guint8 *data,
                               gsize         len)
{
  gsize at = arena->len;

  if (G_UNLIKELY (at + MAX (len, CHUNK_SLACK) + 1 >= arena->allocated_len))
    {
      g_string_set_size (arena, at + MAX (len, CHUNK_SLACK) + 1);
      g_string_truncate (arena, at);
    }
  /* Most fields are short: copy a fixed 16 bytes, of which @len count. */
  if (len <= CHUNK_SLACK)
    memcpy (arena->str + at, data, CHUNK_SLACK);
  else
    memcpy (arena->str + at, data, len);
  arena->len = at + len;
}

static inline void
stead_csv_reader_field_begin (SteadCsvReader *self,
                              gboolean        quoted)
{
  self->field_start = self->arena->len;
  self->quoted = quoted;
  self->line_ends = FALSE;
  self->spaces = 0;
}

static void
stead_csv_reader_set_delimiter (SteadCsvReader *self,
                                char            delimiter)
{
  self->delimiter = delimiter;
  memset (self->stops, 0, sizeof self->stops);
  self->stops[(guint8) delimiter] = 1;
  self->stops['\n'] = self->stops['\r'] = self->stops['"'] = 1;
}

/* What ends a run of a quoted field: 1 its quote, 2 a line end in it. */
static const guint8 stead_csv_reader_quoted_stops[256] = { ['"'] = 1, ['\n'] = 2, ['\r'] = 2 };

/* Whether any byte of @word is @byte. */
static inline guint64
stead_csv_reader_word_has (guint64 word,
                           guint8  byte)
{
  guint64 x = word ^ (G_GUINT64_CONSTANT (0x0101010101010101) * byte);

  return (x - G_GUINT64_CONSTANT (0x0101010101010101)) & ~x &
         G_GUINT64_CONSTANT (0x8080808080808080);
}

/* The end of the run of a quoted field that starts at @i: its quote, or
 * @len; notes a line end in it, for the line count. */
static inline gsize
stead_csv_reader_scan_quoted (SteadCsvReader *self,
                              const guint8   *data,
                              gsize           i,
                              gsize           len)
{
  gsize j = i;

  /* Long fields (notes, descriptions) a word at a time. */
  while (j + 8 <= len)
    {
      guint64 word;

      memcpy (&word, data + j, 8);
      if (stead_csv_reader_word_has (word, '"') | stead_csv_reader_word_has (word, '\n') |
          stead_csv_reader_word_has (word, '\r'))
        break;
      j += 8;
    }
  for (; j < len; j++)
    {
      guint8 stop = stead_csv_reader_quoted_stops[data[j]];

      if (stop == 1)
        break;
      if (stop == 2)
        self->line_ends = TRUE;
    }
  return j;
}

/* Windows-1252's 0x80–0x9F; 0 for the five bytes it leaves undefined. */
static const gunichar2 stead_csv_reader_1252_high[32] = {
  0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
  0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

/* Windows-1252 into UTF-8 in @out; %FALSE if a byte is undefined in it
 * (0x81, 0x8D, 0x8F, 0x90, 0x9D) or NUL, each written as U+FFFD. */
static gboolean
stead_csv_reader_decode_1252 (GString    *out,
                              const char *text,
                              gsize       len)
{
  gboolean ok = TRUE;

  g_string_truncate (out, 0);
  for (gsize i = 0; i < len; i++)
    {
      guint8 c = (guint8) text[i];
      gunichar u = c;

      if (c >= 0x80 && c < 0xA0)
        u = stead_csv_reader_1252_high[c - 0x80];
      if (u == 0)
        {
          ok = FALSE;
          u = 0xFFFD;
        }
      if (u < 0x80)
        g_string_append_c (out, (char) u);
      else
        g_string_append_unichar (out, u);
    }
  return ok;
}

/* What few fields need: line ends in a quoted field counted, text that
 * is not UTF-8 converted from Windows-1252. */
static void
stead_csv_reader_submit_unusual (SteadCsvReader *self,
                                 guint           start)
{
  const char *text = self->arena->str + start;
  gsize len = self->arena->len - start;

  /* A quoted field may span lines. */
  if (self->line_ends)
    for (gsize i = 0; i < len; i++)
      {
        if (text[i] == '\n')
          self->line++;
        else if (text[i] == '\r' && (i + 1 == len || text[i + 1] != '\n'))
          self->line++;
      }

  /* UTF-8 was checked a chunk at a time, before parsing; a field of a
   * chunk that was not is checked by itself. */
  if (len > 0 && (self->cp1252 || (self->check_fields && !g_utf8_validate_len (text, len, NULL))))
    {
      if (!self->cp1252)
        self->n_fallback++;
      if (!stead_csv_reader_decode_1252 (self->scratch, text, len) && self->row_bad == 0)
        self->row_bad = self->fields->len - self->pending + 1;
      g_string_truncate (self->arena, start);
      g_string_append_len (self->arena, self->scratch->str, self->scratch->len);
    }
}

/* The field parsed is complete: trimmed, converted, NUL-terminated and
 * added to the row being parsed. */
static inline void
stead_csv_reader_submit_field (SteadCsvReader *self)
{
  guint start = self->field_start;
  gsize end = self->arena->len;

  if (!self->quoted)
    end -= MIN (self->spaces, end - start);
  self->arena->len = end;

  if (self->fields->len == self->pending)
    self->row_line = self->line + 1;
  if (G_UNLIKELY (self->line_ends || self->cp1252 || self->check_fields))
    stead_csv_reader_submit_unusual (self, start);
  g_string_append_c (self->arena, '\0');
  stead_csv_reader_append_fast (self->fields, &self->fields_cap, &start, sizeof start);
  self->quoted = FALSE;
  self->line_ends = FALSE;
  self->spaces = 0;
}

/* Appends an unquoted run up to the next delimiter, line end or quote;
 * counts its trailing spaces and tabs, which are not part of the field. */
static gsize
stead_csv_reader_scan_unquoted (SteadCsvReader *self,
                                const guint8   *data,
                                gsize           i,
                                gsize           len)
{
  gsize j = i, k;

  while (j < len && !self->stops[data[j]])
    j++;
  stead_csv_reader_arena_append (self->arena, data + i, j - i);

  for (k = j; k > i && (data[k - 1] == ' ' || data[k - 1] == '\t'); k--)
    ;
  if (k == i)
    self->spaces += j - i;
  else
    self->spaces = j - k;
  return j;
}

static void stead_csv_reader_on_row_end (int   c,
                                         void *user_data);

/* A run of a quoted field from @i up to its quote and, when the chunk
 * holds it, the delimiter or line end after that: the end of most quoted
 * fields, without going round the state machine for it. Returns where
 * parsing goes on, in *@state. */
static inline gsize
stead_csv_reader_quoted_run (SteadCsvReader *self,
                             const guint8   *data,
                             gsize           i,
                             gsize           len,
                             ParseState     *state)
{
  gsize j = stead_csv_reader_scan_quoted (self, data, i, len);
  guint8 next;

  stead_csv_reader_arena_append (self->arena, data + i, j - i);
  if (j == len)
    {
      *state = QUOTED;
      return len;
    }
  next = j + 1 < len ? data[j + 1] : 0;
  if (next != 0 && next == (guint8) self->delimiter)
    {
      stead_csv_reader_submit_field (self);
      *state = FIELD_START;
      return j + 2;
    }
  if (next == '\n' || next == '\r')
    {
      stead_csv_reader_submit_field (self);
      stead_csv_reader_on_row_end (next, self);
      *state = ROW_START;
      return j + 2;
    }
  /* "" (a quote), spaces after the closing quote, or the chunk's end. */
  *state = QUOTE_SEEN;
  self->spaces = 0;
  return j + 1;
}

static void
stead_csv_reader_on_row_end (int   c,
                             void *user_data)
{
  SteadCsvReader *self = user_data;
  gboolean empty = self->fields->len == self->pending;

  /* CSV_REPALL_NL reports every CR and LF: count lines, and treat the LF
   * of a CRLF as part of the same line end. */
  if (c == '\n' && self->after_cr && empty)
    {
      self->after_cr = FALSE;
      return;
    }
  self->after_cr = c == '\r';
  if (c == '\n' || c == '\r')
    self->line++;

  if (!empty)
    {
      RowInfo row = { self->pending, self->fields->len - self->pending, self->row_bad,
                      self->row_line };

      stead_csv_reader_append_fast (self->rows, &self->rows_cap, &row, sizeof row);
      self->pending = self->fields->len;
      self->row_bad = 0;
    }
}

/* Checks a chunk is UTF-8, carrying a character cut at its end over to
 * the next chunk. When it is not, every field from then on is checked by
 * itself (and read as Windows-1252 if it is not UTF-8). */
static void
stead_csv_reader_check_utf8 (SteadCsvReader *self,
                             const guint8   *data,
                             gsize           len)
{
  const char *end = NULL;
  gsize skip = 0;

  if (self->cp1252 || self->check_fields)
    return;

  if (self->carry_len > 0)
    {
      guint8 joined[8];
      gsize take = MIN (len, 4 - self->carry_len);
      const char *joined_end = NULL;

      memcpy (joined, self->carry, self->carry_len);
      memcpy (joined + self->carry_len, data, take);
      g_utf8_validate_len ((const char *) joined, self->carry_len + take, &joined_end);
      skip = (gsize) ((const guint8 *) joined_end - joined);
      if (skip <= self->carry_len && take == 4 - self->carry_len)
        {
          self->check_fields = TRUE;
          return;
        }
      skip = skip > self->carry_len ? skip - self->carry_len : 0;
      self->carry_len = 0;
    }

  /* Most files are ASCII: skip it a word at a time. */
  while (skip + 8 <= len)
    {
      guint64 word;

      memcpy (&word, data + skip, 8);
      if (word & G_GUINT64_CONSTANT (0x8080808080808080))
        break;
      skip += 8;
    }
  if (g_utf8_validate_len ((const char *) data + skip, len - skip, &end))
    return;

  /* Up to three bytes at the very end may be a character's start. */
  if ((const guint8 *) end >= data + len - 3 &&
      g_utf8_get_char_validated (end, data + len - (const guint8 *) end) == (gunichar) -2)
    {
      self->carry_len = data + len - (const guint8 *) end;
      memcpy (self->carry, end, self->carry_len);
      return;
    }
  self->check_fields = TRUE;
}

/* UTF-16 with a byte order mark (Excel's "Unicode Text", some council
 * systems): read through a converter to UTF-8. */
static gboolean
stead_csv_reader_detect_utf16 (SteadCsvReader  *self,
                               GCancellable    *cancellable,
                               GError         **error)
{
  g_autoptr(GInputStream) buffered = NULL;
  g_autoptr(GCharsetConverter) converter = NULL;
  const guint8 *peek;
  const char *charset = NULL;
  gsize available = 0;

  if (G_IS_BUFFERED_INPUT_STREAM (self->stream))
    buffered = g_object_ref (self->stream);
  else
    buffered = g_buffered_input_stream_new (self->stream);
  while (g_buffered_input_stream_get_available (G_BUFFERED_INPUT_STREAM (buffered)) < 2)
    {
      gssize n = g_buffered_input_stream_fill (G_BUFFERED_INPUT_STREAM (buffered), 2, cancellable,
                                               error);

      if (n < 0)
        return FALSE;
      if (n == 0)
        break;
    }
  peek = g_buffered_input_stream_peek_buffer (G_BUFFERED_INPUT_STREAM (buffered), &available);
  if (available >= 2 && peek[0] == 0xff && peek[1] == 0xfe)
    charset = "UTF-16LE";
  else if (available >= 2 && peek[0] == 0xfe && peek[1] == 0xff)
    charset = "UTF-16BE";

  g_clear_object (&self->stream);
  if (charset == NULL)
    {
      self->stream = g_steal_pointer (&buffered);
      return TRUE;
    }
  if (g_input_stream_skip (buffered, 2, cancellable, error) != 2)
    return FALSE;
  converter = g_charset_converter_new ("UTF-8", charset, error);
  if (converter == NULL)
    return FALSE;
  self->stream = g_converter_input_stream_new (buffered, G_CONVERTER (converter));
  self->utf16 = TRUE;
  return TRUE;
}

/* A read failed: bytes a UTF-16 file cannot hold are an encoding error. */
static gboolean
stead_csv_reader_read_failed (SteadCsvReader  *self,
                              GError         **error)
{
  if (self->utf16 && error != NULL && *error != NULL &&
      (g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA) ||
       g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT)))
    {
      g_autofree char *reason = g_strdup ((*error)->message);

      g_clear_error (error);
      g_set_error (error, STEAD_CSV_ERROR, STEAD_CSV_ERROR_ENCODING,
                   _("%s, near line %llu: the file says it is UTF-16 but is not (%s)"),
                   self->name, (unsigned long long) self->line + 1, reason);
    }
  return FALSE;
}

static gboolean
stead_csv_reader_header_undecodable (SteadCsvReader  *self,
                                     guint64          line,
                                     GError         **error)
{
  g_set_error (error, STEAD_CSV_ERROR, STEAD_CSV_ERROR_ENCODING,
               _("%s, line %llu: the column names are neither UTF-8 nor Windows-1252 text "
                 "(save the file as UTF-8)"),
               self->name, (unsigned long long) line);
  return FALSE;
}

static gboolean
stead_csv_reader_syntax_error (SteadCsvReader  *self,
                               GError         **error)
{
  /* The line the bad row starts on. */
  guint64 line = self->fields->len > self->pending ? self->row_line : self->line + 1;

  g_set_error (error, STEAD_CSV_ERROR, STEAD_CSV_ERROR_SYNTAX,
               _("%s, line %llu: a quote is not closed, or text follows a closing quote"),
               self->name, (unsigned long long) line);
  return FALSE;
}

static gboolean
stead_csv_reader_parse (SteadCsvReader  *self,
                        const guint8    *data,
                        gsize            len,
                        GError         **error)
{
  const guint8 delim = (guint8) self->delimiter;
  ParseState state = self->state;
  gsize i = 0;

  stead_csv_reader_check_utf8 (self, data, len);

  while (i < len)
    {
      guint8 c = data[i];

      switch (state)
        {
        case ROW_START:
        case FIELD_START:
          if ((c == ' ' || c == '\t') && c != delim)
            {
              /* "\r \n" is two line ends, not a CRLF. */
              self->after_cr = FALSE;
              i++;
            }
          else if (c == '\n' || c == '\r')
            {
              if (state == FIELD_START)
                {
                  stead_csv_reader_field_begin (self, FALSE);
                  stead_csv_reader_submit_field (self);
                }
              stead_csv_reader_on_row_end (c, self);
              state = ROW_START;
              i++;
            }
          else if (c == delim)
            {
              stead_csv_reader_field_begin (self, FALSE);
              stead_csv_reader_submit_field (self);
              state = FIELD_START;
              i++;
            }
          else if (c == '"')
            {
              stead_csv_reader_field_begin (self, TRUE);
              i = stead_csv_reader_quoted_run (self, data, i + 1, len, &state);
            }
          else
            {
              stead_csv_reader_field_begin (self, FALSE);
              state = UNQUOTED;
              i = stead_csv_reader_scan_unquoted (self, data, i, len);
              /* The usual end, without another turn of the loop. */
              if (i < len && data[i] == delim)
                {
                  stead_csv_reader_submit_field (self);
                  state = FIELD_START;
                  i++;
                }
            }
          break;

        case UNQUOTED:
          if (c == delim)
            {
              stead_csv_reader_submit_field (self);
              state = FIELD_START;
              i++;
            }
          else if (c == '\n' || c == '\r')
            {
              stead_csv_reader_submit_field (self);
              stead_csv_reader_on_row_end (c, self);
              state = ROW_START;
              i++;
            }
          else if (c == '"')
            {
              self->state = state;
              return stead_csv_reader_syntax_error (self, error);
            }
          else
            i = stead_csv_reader_scan_unquoted (self, data, i, len);
          break;

        case QUOTED:
          i = stead_csv_reader_quoted_run (self, data, i, len, &state);
          break;

        case QUOTE_SEEN:
          if (c == delim)
            {
              stead_csv_reader_submit_field (self);
              state = FIELD_START;
            }
          else if (c == '\n' || c == '\r')
            {
              stead_csv_reader_submit_field (self);
              stead_csv_reader_on_row_end (c, self);
              state = ROW_START;
            }
          else if (c == ' ' || c == '\t')
            self->spaces++;
          else if (c == '"' && self->spaces == 0)
            {
              /* "" in a quoted field: one quote */
              g_string_append_c (self->arena, '"');
              state = QUOTED;
            }
          else
            {
              self->state = state;
              return stead_csv_reader_syntax_error (self, error);
            }
          i++;
          break;

        default:
          g_assert_not_reached ();
        }
    }

  self->state = state;
  return TRUE;
}

/* The end of the input: the last row may lack its line end. */
static gboolean
stead_csv_reader_finish (SteadCsvReader  *self,
                         GError         **error)
{
  switch ((ParseState) self->state)
    {
    case QUOTED:
      g_set_error (
        error, STEAD_CSV_ERROR, STEAD_CSV_ERROR_SYNTAX,
        _("%s, line %llu: the file ends inside a quoted field"), self->name,
        (unsigned long long) (self->fields->len > self->pending ? self->row_line : self->line + 1));
      return FALSE;

    case FIELD_START:
      stead_csv_reader_field_begin (self, FALSE);
      G_GNUC_FALLTHROUGH;
    case UNQUOTED:
    case QUOTE_SEEN:
      stead_csv_reader_submit_field (self);
      stead_csv_reader_on_row_end (-1, self);
      break;

    case ROW_START:
    default:
      break;
    }
  self->state = ROW_START;
  return TRUE;
}

/* Every complete row has been handed out: keep only the row being
 * parsed, at the start of the arena. */
static void
stead_csv_reader_compact (SteadCsvReader *self)
{
  guint n_pending = self->fields->len - self->pending;
  gboolean in_field = self->state == UNQUOTED || self->state == QUOTED || self->state == QUOTE_SEEN;
  guint from = n_pending > 0 ? g_array_index (self->fields, guint, self->pending)
                             : in_field ? self->field_start : self->arena->len;

  if (from > 0)
    {
      memmove (self->arena->str, self->arena->str + from, self->arena->len - from);
      g_string_truncate (self->arena, self->arena->len - from);
    }
  for (guint i = 0; i < n_pending; i++)
    g_array_index (self->fields, guint, i) =
      g_array_index (self->fields, guint, self->pending + i) - from;
  g_array_set_size (self->fields, n_pending);
  if (in_field)
    self->field_start -= from;
  self->pending = 0;
  g_array_set_size (self->rows, 0);
  self->next_row = 0;
}

/* Reads and parses until a row is ready or the input ends. */
static gboolean
stead_csv_reader_fill (SteadCsvReader  *self,
                       GCancellable    *cancellable,
                       GError         **error)
{
  while (self->next_row >= self->rows->len && !self->eof)
    {
      gssize n;

      stead_csv_reader_compact (self);

      n = g_input_stream_read (self->stream, self->chunk, CHUNK, cancellable, error);
      if (n < 0)
        return stead_csv_reader_read_failed (self, error);
      self->bytes_read += n;

      if (n == 0)
        {
          self->eof = TRUE;
          /* The file ends inside a UTF-8 character: its last field is not UTF-8. */
          if (self->carry_len > 0)
            self->check_fields = TRUE;
          if (!stead_csv_reader_finish (self, error))
            return FALSE;
          break;
        }

      if (!stead_csv_reader_parse (self, self->chunk, n, error))
        return FALSE;
    }
  return TRUE;
}

/* The delimiter is the one of , ; and tab most used outside quotes on
 * the first line; a comma when none is. */
static char
stead_csv_reader_sniff_delimiter (const guint8 *data,
                                  gsize         len)
{
  static const char candidates[] = { ',', ';', '\t' };
  guint counts[G_N_ELEMENTS (candidates)] = { 0 };
  gboolean quoted = FALSE;
  guint best = 0;

  for (gsize i = 0; i < len; i++)
    {
      if (data[i] == '"')
        quoted = !quoted;
      else if (!quoted && (data[i] == '\n' || data[i] == '\r'))
        break;
      else if (!quoted)
        for (guint c = 0; c < G_N_ELEMENTS (candidates); c++)
          if (data[i] == (guint8) candidates[c])
            counts[c]++;
    }
  for (guint c = 1; c < G_N_ELEMENTS (candidates); c++)
    if (counts[c] > counts[best])
      best = c;
  return candidates[best];
}

static gboolean
stead_csv_reader_is_hxl_row (const char * const *fields,
                             guint               n_fields)
{
  guint tags = 0;
  guint filled = 0;

  for (guint i = 0; i < n_fields; i++)
    {
      const char *f = fields[i];

      while (*f == ' ')
        f++;
      if (*f == '\0')
        continue;
      filled++;
      /* An HXL hashtag: # and a letter, e.g. #org, #loc +postcode. */
      if (f[0] == '#' && g_ascii_isalpha (f[1]))
        tags++;
    }
  return tags > 0 && tags * 2 >= filled;
}

static char **
stead_csv_reader_to_strv (const char * const *fields,
                          guint               n_fields)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  char **strv;

  for (guint i = 0; i < n_fields; i++)
    {
      g_autofree char *copy = g_strstrip (g_strdup (fields[i]));

      g_strv_builder_add (builder, copy);
    }
  strv = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return strv;
}

/**
 * stead_csv_reader_read_header:
 * @self: a #SteadCsvReader
 * @cancellable: (nullable): a #GCancellable
 * @error: a #GError
 *
 * Reads the first chunk to learn the encoding and delimiter, then the
 * header row and, if the next row is HXL hashtags, that row too.
 *
 * Returns: %FALSE on error, or if there is no header row
 */
gboolean
stead_csv_reader_read_header (SteadCsvReader  *self,
                              GCancellable    *cancellable,
                              GError         **error)
{
  const char * const *fields;
  guint8 *start;
  gsize got = 0;
  gssize n;
  guint n_fields;

  g_return_val_if_fail (STEAD_IS_CSV_READER (self), FALSE);
  g_return_val_if_fail (!self->parser_ready, FALSE);

  if (!stead_csv_reader_detect_utf16 (self, cancellable, error))
    return FALSE;
  /* All of the first chunk: the delimiter and the encoding are judged on it. */
  if (!g_input_stream_read_all (self->stream, self->chunk, CHUNK, &got, cancellable, error))
    return stead_csv_reader_read_failed (self, error);
  n = (gssize) got;
  self->bytes_read = n;
  start = self->chunk;

  if (n >= 3 && memcmp (start, "\xef\xbb\xbf", 3) == 0)
    {
      start += 3;
      n -= 3;
    }

  /* Valid UTF-8 but for a character cut at the end of the chunk (and any
   * stray NUL, which is text in neither): UTF-8; otherwise the usual
   * spreadsheet export on Windows. */
  {
    const char *at = (const char *) start;
    const char *end = NULL;
    gsize left = n;

    while (!self->utf16 && !g_utf8_validate_len (at, left, &end))
      {
        if (*end != '\0')
          {
            self->cp1252 = (gsize) ((const guint8 *) end - start) + 4 < (gsize) n;
            break;
          }
        left -= end + 1 - at;
        at = end + 1;
      }
  }

  stead_csv_reader_set_delimiter (self, stead_csv_reader_sniff_delimiter (start, n));
  self->state = ROW_START;
  self->parser_ready = TRUE;

  if (n > 0 && !stead_csv_reader_parse (self, start, n, error))
    return FALSE;
  if (!stead_csv_reader_fill (self, cancellable, error))
    return FALSE;

  if (!stead_csv_reader_next_fields (self, &fields, &n_fields, NULL, cancellable, error))
    {
      if (error == NULL || *error == NULL)
        g_set_error (error, STEAD_CSV_ERROR, STEAD_CSV_ERROR_EMPTY,
                     _("%s is empty: it has no header row"), self->name);
      return FALSE;
    }
  if (self->bad > 0)
    return stead_csv_reader_header_undecodable (self, 1, error);
  self->header = stead_csv_reader_to_strv (fields, n_fields);

  if (!stead_csv_reader_fill (self, cancellable, error))
    return FALSE;
  if (self->next_row < self->rows->len)
    {
      RowInfo *row = &g_array_index (self->rows, RowInfo, self->next_row);
      const char **ptrs = g_newa (const char *, row->n_fields);

      for (guint i = 0; i < row->n_fields; i++)
        ptrs[i] = self->arena->str + g_array_index (self->fields, guint, row->first + i);
      if (stead_csv_reader_is_hxl_row (ptrs, row->n_fields))
        {
          if (row->bad > 0)
            return stead_csv_reader_header_undecodable (self, row->line, error);
          self->hxl = stead_csv_reader_to_strv (ptrs, row->n_fields);
          self->next_row++;
        }
    }

  return TRUE;
}

/**
 * stead_csv_reader_next:
 * @self: a #SteadCsvReader
 * @row: (out) (transfer full): the fields, UTF-8
 * @line: (out) (optional): the line the row starts on (1 is the header)
 * @cancellable: (nullable): a #GCancellable
 * @error: a #GError
 *
 * Returns: %TRUE with a row; %FALSE at the end (with @error unset) or on
 *   an error, which names the file and the line
 */
gboolean
stead_csv_reader_next (SteadCsvReader  *self,
                       GPtrArray      **row,
                       guint64         *line,
                       GCancellable    *cancellable,
                       GError         **error)
{
  const char * const *fields;
  guint n_fields;

  g_return_val_if_fail (row != NULL, FALSE);

  *row = NULL;
  if (!stead_csv_reader_next_fields (self, &fields, &n_fields, line, cancellable, error))
    return FALSE;
  *row = g_ptr_array_new_full (n_fields, g_free);
  for (guint i = 0; i < n_fields; i++)
    g_ptr_array_add (*row, g_strdup (fields[i]));
  return TRUE;
}

/**
 * stead_csv_reader_next_fields:
 * @self: a #SteadCsvReader
 * @fields: (out) (transfer none) (array length=n_fields): the fields, UTF-8,
 *   valid until the next call
 * @n_fields: (out): how many
 * @line: (out) (optional): the line the row starts on (1 is the header)
 * @cancellable: (nullable): a #GCancellable
 * @error: a #GError
 *
 * Like stead_csv_reader_next() without copying: the fast path for large
 * imports.
 *
 * Returns: %TRUE with a row; %FALSE at the end (with @error unset) or on
 *   an error, which names the file and the line
 */
gboolean
stead_csv_reader_next_fields (SteadCsvReader       *self,
                              const char * const  **fields,
                              guint                *n_fields,
                              guint64              *line,
                              GCancellable         *cancellable,
                              GError              **error)
{
  RowInfo *row;

  g_return_val_if_fail (STEAD_IS_CSV_READER (self), FALSE);
  g_return_val_if_fail (self->parser_ready, FALSE);
  g_return_val_if_fail (fields != NULL && n_fields != NULL, FALSE);

  *fields = NULL;
  *n_fields = 0;
  self->bad = 0;
  if (!stead_csv_reader_fill (self, cancellable, error))
    return FALSE;
  if (self->next_row >= self->rows->len)
    return FALSE;

  row = &g_array_index (self->rows, RowInfo, self->next_row++);
  if (self->row_ptrs->len < row->n_fields)
    g_ptr_array_set_size (self->row_ptrs, row->n_fields);
  {
    const guint *offsets = &g_array_index (self->fields, guint, row->first);
    const char **ptrs = (const char **) self->row_ptrs->pdata;
    const char *base = self->arena->str;

    for (guint i = 0; i < row->n_fields; i++)
      ptrs[i] = base + offsets[i];
  }
  *fields = (const char * const *) self->row_ptrs->pdata;
  *n_fields = row->n_fields;
  self->bad = row->bad;
  if (line != NULL)
    *line = row->line;
  return TRUE;
}

const char * const *
stead_csv_reader_get_header (SteadCsvReader *self)
{
  g_return_val_if_fail (STEAD_IS_CSV_READER (self), NULL);
  return (const char * const *) self->header;
}

/**
 * stead_csv_reader_get_hxl_tags:
 * @self: a #SteadCsvReader
 *
 * Returns: (nullable): the HXL hashtag row, if the file has one
 */
const char * const *
stead_csv_reader_get_hxl_tags (SteadCsvReader *self)
{
  g_return_val_if_fail (STEAD_IS_CSV_READER (self), NULL);
  return (const char * const *) self->hxl;
}

char
stead_csv_reader_get_delimiter (SteadCsvReader *self)
{
  g_return_val_if_fail (STEAD_IS_CSV_READER (self), ',');
  return self->delimiter;
}

/**
 * stead_csv_reader_get_is_windows_1252:
 * @self: a #SteadCsvReader
 *
 * Returns: %TRUE if the file was not UTF-8 and is read as Windows-1252;
 *   importers warn the user, as accents may be wrong
 */
gboolean
stead_csv_reader_get_is_windows_1252 (SteadCsvReader *self)
{
  g_return_val_if_fail (STEAD_IS_CSV_READER (self), FALSE);
  return self->cp1252;
}

/**
 * stead_csv_reader_get_n_windows_1252_fields:
 * @self: a #SteadCsvReader
 *
 * The reader parses ahead: ask after the last row.
 *
 * Returns: how many fields of a UTF-8 file were not UTF-8 and were read
 *   as Windows-1252 (0 for a file read as Windows-1252 throughout)
 */
guint64
stead_csv_reader_get_n_windows_1252_fields (SteadCsvReader *self)
{
  g_return_val_if_fail (STEAD_IS_CSV_READER (self), 0);
  return self->n_fallback;
}

/**
 * stead_csv_reader_get_undecodable:
 * @self: a #SteadCsvReader
 *
 * Whether the row last handed out holds bytes that are text in neither
 * UTF-8 nor Windows-1252 (0x81, 0x8D, 0x8F, 0x90 and 0x9D are undefined in
 * Windows-1252; NUL is text in neither). Such a field is given with U+FFFD
 * in place of each undefined byte; the row must not be taken as it is.
 *
 * Returns: the first such field, counting from 1; 0 if there is none
 */
guint
stead_csv_reader_get_undecodable (SteadCsvReader *self)
{
  g_return_val_if_fail (STEAD_IS_CSV_READER (self), 0);
  return self->bad;
}

guint64
stead_csv_reader_get_bytes_read (SteadCsvReader *self)
{
  g_return_val_if_fail (STEAD_IS_CSV_READER (self), 0);
  return self->bytes_read;
}

static void
stead_csv_reader_finalize (GObject *object)
{
  SteadCsvReader *self = STEAD_CSV_READER (object);

  g_string_free (self->arena, TRUE);
  g_string_free (self->scratch, TRUE);
  g_array_unref (self->fields);
  g_array_unref (self->rows);
  g_ptr_array_unref (self->row_ptrs);
  g_clear_object (&self->stream);
  g_strfreev (self->header);
  g_strfreev (self->hxl);
  g_free (self->chunk);
  g_free (self->name);

  G_OBJECT_CLASS (stead_csv_reader_parent_class)->finalize (object);
}

static void
stead_csv_reader_class_init (SteadCsvReaderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = stead_csv_reader_finalize;
}

static void
stead_csv_reader_init (SteadCsvReader *self)
{
  self->arena = g_string_sized_new (2 * CHUNK);
  self->scratch = g_string_new (NULL);
  self->fields = g_array_new (FALSE, FALSE, sizeof (guint));
  self->rows = g_array_new (FALSE, FALSE, sizeof (RowInfo));
  self->row_ptrs = g_ptr_array_new ();
  self->chunk = g_malloc0 (CHUNK + CHUNK_SLACK);
  stead_csv_reader_set_delimiter (self, ',');
}

/**
 * stead_csv_reader_new:
 * @stream: the CSV
 * @name: what errors call it (usually the file name)
 *
 * Returns: (transfer full): a reader; call stead_csv_reader_read_header()
 */
SteadCsvReader *
stead_csv_reader_new (GInputStream *stream,
                      const char   *name)
{
  SteadCsvReader *self;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);

  self = g_object_new (STEAD_TYPE_CSV_READER, NULL);
  self->stream = g_object_ref (stream);
  self->name = g_strdup (name != NULL ? name : "CSV");
  return self;
}
