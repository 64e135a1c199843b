#!/bin/sh
# The feature tables whose GeoPackage rows, R-tree and triggers shipped
# written out by hand (core's area, need and resource, partners' sites)
# are now made by Stead_AddFeatureTable. A new workspace must still get
# them exactly as existing workspaces have them: feature-tables.expected
# is what the hand-written schema files made (--dump of a demo built at
# a6ef907, the last commit with them). Never regenerate it from the code
# under test.
#
#   feature-tables.sh CLI SQLITE3 EXPECTED     compare a new demo workspace
#   feature-tables.sh --dump SQLITE3 WS        print what is compared
set -eu

dump() {
  "$1" -batch "$2" <<'SQL'
SELECT type, name, replace (sql, char(10), '\n') FROM sqlite_master
 WHERE name IN (SELECT 'rtree_' || table_name || '_' || column_name
                  FROM gpkg_geometry_columns
                 WHERE table_name IN ('area', 'need', 'resource', 'partners_site'))
    OR (type = 'trigger' AND name LIKE 'rtree\_%' ESCAPE '\'
        AND tbl_name IN ('area', 'need', 'resource', 'partners_site'))
 ORDER BY name;
SELECT table_name, data_type, identifier, description, min_x, min_y, max_x, max_y, srs_id
  FROM gpkg_contents WHERE table_name IN ('area', 'need', 'resource', 'partners_site')
 ORDER BY table_name;
SELECT * FROM gpkg_geometry_columns
 WHERE table_name IN ('area', 'need', 'resource', 'partners_site') ORDER BY table_name;
SELECT * FROM gpkg_extensions
 WHERE table_name IN ('area', 'need', 'resource', 'partners_site')
 ORDER BY table_name, column_name, extension_name;
SQL
}

if [ "$1" = --dump ]; then
  dump "$2" "$3"
  exit 0
fi

cli=$1
sqlite3=$2
expected=$3
. "$(dirname "$0")/workspaces.sh"
dump "$sqlite3" "$dir/demo.gpkg" >"$dir/actual"
if ! diff -u "$expected" "$dir/actual"; then
  echo "The feature tables of a new workspace differ from those existing workspaces have."
  exit 1
fi
echo "$(grep -c '^trigger|' "$dir/actual") triggers and $(grep -c '^table|' "$dir/actual") R-trees as shipped"
