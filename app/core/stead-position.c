/* stead-position.c: positions as people write them
 *
 * British National Grid references, lettered ("SO 89 32") or in metres
 * ("389000,232000"), and latitudes and longitudes, decimal or in
 * degrees, minutes and seconds ("52°N 2.15°W"). Only reading and
 * writing them: converting grid references to WGS84 is stead-proj.c's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stead-position"

#include "config.h"

#include <math.h>
#include <string.h>

#include "stead-position.h"

/* The National Grid: 700 km east, 1300 km north of its false origin. */
#define GRID_MAX_EASTING  700000.0
#define GRID_MAX_NORTHING 1300000.0

/* ------------------------------------------------------------------------ */
/* British National Grid references                                          */

/* The letters of the 500 km and of the 100 km squares: a 5 × 5 grid of
 * the alphabet without I, A at the north-west corner, row by row. */
static gboolean
stead_position_square (char   letter,
                       int   *col,
                       int   *row)
{
  int index;

  letter = g_ascii_toupper (letter);
  if (letter < 'A' || letter > 'Z' || letter == 'I')
    return FALSE;
  index = letter - 'A' - (letter > 'I' ? 1 : 0);
  *col = index % 5;
  *row = 4 - index / 5;
  return TRUE;
}

static char
stead_position_letter (int col,
                       int row)
{
  int index = (4 - row) * 5 + col;

  return (char) ('A' + index + (index >= 8 ? 1 : 0));
}

/* Digits, then a space or the end: the run's length, or 0. */
static gsize
stead_position_digits (const char *p)
{
  gsize n = 0;

  while (g_ascii_isdigit (p[n]))
    n++;
  return p[n] == '\0' || g_ascii_isspace (p[n]) ? n : 0;
}

static double
stead_position_digits_value (const char *p,
                             gsize       n)
{
  double value = 0;

  for (gsize i = 0; i < n; i++)
    value = value * 10 + (p[i] - '0');
  return value;
}

/* "SO 89 32", "so8932", "SO 89000 32000": two letters, then the digits
 * of the easting and of the northing (as many of each), together or
 * apart. */
static gboolean
stead_position_parse_letters (const char *p,
                              double     *easting,
                              double     *northing,
                              double     *size)
{
  const char *groups[2];
  gsize lengths[2];
  guint n_groups = 0;
  gsize per_axis;
  int col1, row1, col2, row2;
  double e, n;

  if (!stead_position_square (p[0], &col1, &row1) ||
      !stead_position_square (p[1], &col2, &row2))
    return FALSE;
  p += 2;
  for (;;)
    {
      gsize len;

      while (g_ascii_isspace (*p))
        p++;
      if (*p == '\0')
        break;
      if (n_groups == 2 || (len = stead_position_digits (p)) == 0)
        return FALSE;
      groups[n_groups] = p;
      lengths[n_groups++] = len;
      p += len;
    }

  if (n_groups == 1)
    {
      if (lengths[0] % 2 != 0 || lengths[0] < 2 || lengths[0] > 10)
        return FALSE;
      per_axis = lengths[0] / 2;
      groups[1] = groups[0] + per_axis;
    }
  else if (n_groups == 2)
    {
      if (lengths[0] != lengths[1] || lengths[0] > 5)
        return FALSE;
      per_axis = lengths[0];
    }
  else
    return FALSE;

  *size = pow (10, 5 - (double) per_axis);
  e = (col1 - 2) * 500000.0 + col2 * 100000.0 +
      stead_position_digits_value (groups[0], per_axis) * *size;
  n = (row1 - 1) * 500000.0 + row2 * 100000.0 +
      stead_position_digits_value (groups[1], per_axis) * *size;
  if (e < 0 || e >= GRID_MAX_EASTING || n < 0 || n >= GRID_MAX_NORTHING)
    return FALSE;
  *easting = e;
  *northing = n;
  return TRUE;
}

/* An unsigned decimal number: "389000", "389000.5". */
static gboolean
stead_position_read_number (const char **p,
                            double      *value)
{
  const char *start = *p;
  const char *q = start;
  g_autofree char *copy = NULL;

  while (g_ascii_isdigit (*q))
    q++;
  if (q == start)
    return FALSE;
  if (*q == '.' && g_ascii_isdigit (q[1]))
    for (q++; g_ascii_isdigit (*q); q++)
      ;
  copy = g_strndup (start, q - start);
  *value = g_ascii_strtod (copy, NULL);
  *p = q;
  return TRUE;
}

/* "389000,232000", "389000 232000": eastings and northings in metres. */
static gboolean
stead_position_parse_numeric (const char *p,
                              double     *easting,
                              double     *northing)
{
  gboolean comma = FALSE;
  double e, n;

  if (!stead_position_read_number (&p, &e))
    return FALSE;
  if (*p != ',' && !g_ascii_isspace (*p))
    return FALSE;
  while (*p == ',' || g_ascii_isspace (*p))
    {
      if (*p == ',' && comma)
        return FALSE;
      comma |= *p == ',';
      p++;
    }
  if (!stead_position_read_number (&p, &n))
    return FALSE;
  while (g_ascii_isspace (*p))
    p++;
  if (*p != '\0')
    return FALSE;
  /* Small numbers are degrees ("52 2"), not metres from the origin. */
  if (e <= 90 && n <= 180)
    return FALSE;
  if (e >= GRID_MAX_EASTING || n >= GRID_MAX_NORTHING)
    return FALSE;
  *easting = e;
  *northing = n;
  return TRUE;
}

/**
 * stead_grid_ref_parse:
 * @text: a British National Grid reference as written
 * @easting: (out): the easting, in metres
 * @northing: (out): the northing, in metres
 * @size: (out) (optional): the side of the square it names, in metres
 *   (1000 for "SO 89 32"; 1 for eastings and northings)
 *
 * Reads a grid reference of two letters and 2, 4, 6, 8 or 10 digits, in
 * any case, with or without spaces ("SO 89 32", "so8932",
 * "SO 89000 32000"), or eastings and northings in metres
 * ("389000,232000", "389000 232000"). A lettered reference names the
 * south-west corner of a square: "SO 89 32" is easting 389000,
 * northing 232000, and the square 1 km across from there.
 *
 * Returns: %TRUE if @text is a grid reference inside the National Grid
 */
gboolean
stead_grid_ref_parse (const char *text,
                      double     *easting,
                      double     *northing,
                      double     *size)
{
  double e, n, side = 1;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (easting != NULL && northing != NULL, FALSE);

  while (g_ascii_isspace (*text))
    text++;
  if (g_ascii_isalpha (text[0]))
    {
      if (!stead_position_parse_letters (text, &e, &n, &side))
        return FALSE;
    }
  else if (!stead_position_parse_numeric (text, &e, &n))
    return FALSE;
  *easting = e;
  *northing = n;
  if (size != NULL)
    *size = side;
  return TRUE;
}

/**
 * stead_grid_ref_format:
 * @easting: an easting, in metres
 * @northing: a northing, in metres
 * @digits: digits for each of them, 0 to 5
 *
 * The lettered grid reference of the square of side 10^(5 - @digits)
 * metres holding the point: (389000, 232000) with 2 digits is
 * "SO 89 32".
 *
 * Returns: (transfer full) (nullable): the reference, or %NULL outside
 *   the National Grid
 */
char *
stead_grid_ref_format (double easting,
                       double northing,
                       guint  digits)
{
  double side;
  int e100, n100;
  char letters[3];

  g_return_val_if_fail (digits <= 5, NULL);

  if (!(easting >= 0 && easting < GRID_MAX_EASTING && northing >= 0 &&
        northing < GRID_MAX_NORTHING))
    return NULL;
  e100 = (int) (easting / 100000);
  n100 = (int) (northing / 100000);
  letters[0] = stead_position_letter (e100 / 5 + 2, n100 / 5 + 1);
  letters[1] = stead_position_letter (e100 % 5, n100 % 5);
  letters[2] = '\0';
  if (digits == 0)
    return g_strdup (letters);
  side = pow (10, 5 - (double) digits);
  return g_strdup_printf ("%s %0*d %0*d", letters, (int) digits,
                          (int) floor (fmod (easting, 100000) / side), (int) digits,
                          (int) floor (fmod (northing, 100000) / side));
}

/* ------------------------------------------------------------------------ */
/* Latitude and longitude                                                     */

typedef struct
{
  double   degrees;     /* unsigned when a hemisphere says which way */
  char     hemisphere;  /* 'N', 'S', 'E', 'W', or 0 */
} Angle;

static char
stead_position_hemisphere (const char *p)
{
  char c = g_ascii_toupper (*p);

  return c == 'N' || c == 'S' || c == 'E' || c == 'W' ? c : 0;
}

/* Which part of an angle the mark after a number makes it: 0 degrees,
 * 1 minutes, 2 seconds; -1 for none. Moves @p past the mark. */
static int
stead_position_mark (const char **p)
{
  static const struct
  {
    const char *mark;
    int         part;
  } marks[] = {
    { "°", 0 }, { "º", 0 }, { "''", 2 }, { "'", 1 }, { "′", 1 }, { "’", 1 },
    { "\"", 2 }, { "″", 2 }, { "”", 2 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (marks); i++)
    if (g_str_has_prefix (*p, marks[i].mark))
      {
        *p += strlen (marks[i].mark);
        return marks[i].part;
      }
  return -1;
}

/* One angle over [p, end): "52.5", "-2.15", "52°N", "N52", "52°30′N",
 * "2 9 0 W". */
static gboolean
stead_position_parse_angle (const char *p,
                            const char *end,
                            Angle      *angle)
{
  g_autofree char *text = g_strndup (p, end - p);
  double parts[3] = { 0, 0, 0 };
  gboolean negative = FALSE, fraction = FALSE;
  int next = 0;
  guint n_numbers = 0;

  angle->hemisphere = 0;
  p = text;
  while (g_ascii_isspace (*p))
    p++;
  if (stead_position_hemisphere (p) && !g_ascii_isalpha (p[1]))
    angle->hemisphere = stead_position_hemisphere (p++);
  for (;;)
    {
      double value;
      int part;

      while (g_ascii_isspace (*p))
        p++;
      if (n_numbers == 0 && angle->hemisphere == 0 && (*p == '-' || *p == '+'))
        negative = *p++ == '-';
      if (!g_ascii_isdigit (*p))
        break;
      /* Only the last number may have a fraction: 52°30.5′, not 52.5°30′. */
      if (fraction || n_numbers == 3)
        return FALSE;
      if (!stead_position_read_number (&p, &value))
        return FALSE;
      fraction = floor (value) != value;
      part = stead_position_mark (&p);
      if (part < 0)
        part = next;
      if (part < next || part > 2)
        return FALSE;
      parts[part] = value;
      next = part + 1;
      n_numbers++;
    }
  if (n_numbers == 0 || (negative && n_numbers > 1))
    return FALSE;
  if (angle->hemisphere == 0 && stead_position_hemisphere (p) && !g_ascii_isalpha (p[1]))
    angle->hemisphere = stead_position_hemisphere (p++);
  if (negative && angle->hemisphere != 0)
    return FALSE;
  while (g_ascii_isspace (*p))
    p++;
  if (*p != '\0' || parts[1] >= 60 || parts[2] >= 60)
    return FALSE;
  angle->degrees = parts[0] + parts[1] / 60 + parts[2] / 3600;
  if (negative)
    angle->degrees = -angle->degrees;
  return TRUE;
}

/* Two angles split at @split: a latitude and a longitude, in either
 * order when their hemispheres say which is which. */
static gboolean
stead_position_parse_pair (const char *text,
                           const char *split,
                           gsize       split_len,
                           double     *lat,
                           double     *lon)
{
  Angle a, b;
  gboolean a_is_lat;
  double la, lo;

  if (!stead_position_parse_angle (text, split, &a) ||
      !stead_position_parse_angle (split + split_len, text + strlen (text), &b))
    return FALSE;
  /* Both lettered, one each way, or neither: "N1 9" is a postcode sector. */
  if ((a.hemisphere != 0) != (b.hemisphere != 0))
    return FALSE;
  a_is_lat = a.hemisphere == 0 || a.hemisphere == 'N' || a.hemisphere == 'S';
  if (a.hemisphere != 0 && a_is_lat != (b.hemisphere == 'E' || b.hemisphere == 'W'))
    return FALSE;
  la = a_is_lat ? a.degrees : b.degrees;
  lo = a_is_lat ? b.degrees : a.degrees;
  if ((a_is_lat ? a.hemisphere : b.hemisphere) == 'S')
    la = -la;
  if ((a_is_lat ? b.hemisphere : a.hemisphere) == 'W')
    lo = -lo;
  if (fabs (la) > 90 || fabs (lo) > 180)
    return FALSE;
  *lat = la;
  *lon = lo;
  return TRUE;
}

/**
 * stead_coordinates_parse:
 * @text: a latitude and longitude as written
 * @lat: (out): latitude, degrees north
 * @lon: (out): longitude, degrees east
 *
 * Reads decimal degrees, latitude first ("52.0, -2.15", "52 -2.15"), or
 * degrees (and minutes and seconds) with a hemisphere each, in either
 * order ("52°N 2.15°W", "52°0′0″N, 2°9′W", "W2.15 N52").
 *
 * Returns: %TRUE if @text is one position
 */
gboolean
stead_coordinates_parse (const char *text,
                         double     *lat,
                         double     *lon)
{
  const char *sep;
  guint found = 0;
  double la = 0, lo = 0;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (lat != NULL && lon != NULL, FALSE);

  if (!g_utf8_validate (text, -1, NULL))
    return FALSE;

  /* A comma or semicolon splits them; there may be only one. */
  sep = strpbrk (text, ",;");
  if (sep != NULL)
    {
      if (strpbrk (sep + 1, ",;") != NULL ||
          !stead_position_parse_pair (text, sep, 1, &la, &lo))
        return FALSE;
      *lat = la;
      *lon = lo;
      return TRUE;
    }

  /* Otherwise a space does, where only one space makes sense. */
  for (const char *p = text; *p != '\0'; p++)
    {
      gsize len = 0;

      if (!g_ascii_isspace (*p) || p == text || g_ascii_isspace (p[-1]))
        continue;
      while (g_ascii_isspace (p[len]))
        len++;
      if (p[len] != '\0' && stead_position_parse_pair (text, p, len, &la, &lo))
        {
          if (++found > 1)
            return FALSE;
          *lat = la;
          *lon = lo;
        }
    }
  return found == 1;
}
