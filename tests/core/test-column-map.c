/* test-column-map.c: automatic and chosen column mappings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "stead.h"

static const SteadImportField fields[] = {
  { "name", "organisation;org name", "#org +name", TRUE },
  { "postcode", "post code;pcds;postal code", "#loc +postcode", TRUE },
  { "phone", "telephone;tel", "#contact +phone", FALSE },
  { "notes", NULL, NULL, FALSE },
};

static void
test_auto_by_name (void)
{
  const char *header[] = { "Organisation", "Post Code", "Tel", "Extra", NULL };
  g_autoptr(SteadColumnMap) map =
    stead_column_map_new_auto (fields, G_N_ELEMENTS (fields), header, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *spec = NULL;

  g_assert_cmpint (stead_column_map_get_column (map, "name"), ==, 0);
  g_assert_cmpint (stead_column_map_get_column (map, "postcode"), ==, 1);
  g_assert_cmpint (stead_column_map_get_column (map, "phone"), ==, 2);
  g_assert_cmpint (stead_column_map_get_column (map, "notes"), ==, -1);
  g_assert_true (stead_column_map_check (map, &error));
  spec = stead_column_map_to_spec (map);
  g_assert_cmpstr (spec, ==, "name=Organisation,postcode=Post Code,phone=Tel");
}

static void
test_hxl_wins (void)
{
  /* Headers say nothing useful; the hashtags do, attributes in any order. */
  const char *header[] = { "A", "B", "C", NULL };
  const char *tags[] = { "#contact+phone", "#loc +postcode +uk", "#org +name", NULL };
  g_autoptr(SteadColumnMap) map =
    stead_column_map_new_auto (fields, G_N_ELEMENTS (fields), header, tags);

  g_assert_cmpint (stead_column_map_get_column (map, "name"), ==, 2);
  g_assert_cmpint (stead_column_map_get_column (map, "postcode"), ==, 1);
  g_assert_cmpint (stead_column_map_get_column (map, "phone"), ==, 0);
}

static void
test_spec_overrides (void)
{
  const char *header[] = { "name", "postcode", "Home postcode", "notes", NULL };
  g_autoptr(SteadColumnMap) map =
    stead_column_map_new_auto (fields, G_N_ELEMENTS (fields), header, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *spec = NULL;

  g_assert_true (stead_column_map_apply_spec (map, "postcode=Home postcode, notes=", &error));
  g_assert_no_error (error);
  g_assert_cmpint (stead_column_map_get_column (map, "postcode"), ==, 2);
  g_assert_cmpint (stead_column_map_get_column (map, "notes"), ==, -1);
  /* The round trip: the saved form gives the same mapping. */
  spec = stead_column_map_to_spec (map);
  {
    g_autoptr(SteadColumnMap) again =
      stead_column_map_new_auto (fields, G_N_ELEMENTS (fields), header, NULL);

    g_assert_true (stead_column_map_apply_spec (again, spec, &error));
    g_assert_cmpint (stead_column_map_get_column (again, "postcode"), ==, 2);
  }

  /* Bad specs say what is wrong and change nothing. */
  g_assert_false (stead_column_map_apply_spec (map, "postcode", &error));
  g_assert_error (error, STEAD_COLUMN_MAP_ERROR, STEAD_COLUMN_MAP_ERROR_SYNTAX);
  g_clear_error (&error);
  g_assert_false (stead_column_map_apply_spec (map, "name=postcode,colour=Red", &error));
  g_assert_error (error, STEAD_COLUMN_MAP_ERROR, STEAD_COLUMN_MAP_ERROR_UNKNOWN);
  g_assert_nonnull (strstr (error->message, "colour"));
  g_clear_error (&error);
  g_assert_cmpint (stead_column_map_get_column (map, "name"), ==, 0);
  g_assert_false (stead_column_map_apply_spec (map, "name=Nope", &error));
  g_assert_error (error, STEAD_COLUMN_MAP_ERROR, STEAD_COLUMN_MAP_ERROR_UNKNOWN);
  g_assert_nonnull (strstr (error->message, "Nope"));
}

static void
test_missing_required (void)
{
  const char *header[] = { "Organisation", "Phone", NULL };
  g_autoptr(SteadColumnMap) map =
    stead_column_map_new_auto (fields, G_N_ELEMENTS (fields), header, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (stead_column_map_check (map, &error));
  g_assert_error (error, STEAD_COLUMN_MAP_ERROR, STEAD_COLUMN_MAP_ERROR_MISSING);
  g_assert_nonnull (strstr (error->message, "postcode"));
  g_assert_null (strstr (error->message, "name"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/column-map/auto-by-name", test_auto_by_name);
  g_test_add_func ("/core/column-map/hxl-wins", test_hxl_wins);
  g_test_add_func ("/core/column-map/spec-overrides", test_spec_overrides);
  g_test_add_func ("/core/column-map/missing-required", test_missing_required);

  return g_test_run ();
}
