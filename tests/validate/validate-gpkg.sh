#!/bin/sh
# GDAL's GeoPackage validator (validate_gpkg.py, from python3-gdal) must
# pass a new workspace, the demo, and a workspace that every core writer
# of dates and times has written to (a postcode directory, needs, a CAP
# warning), without one error or warning: it checks the gpkg_* tables,
# every feature table and its R-tree triggers, and with --extra the
# content of every table gpkg_contents lists (each DATETIME in GeoPackage
# 1.3's YYYY-MM-DDTHH:MM:SS.SSSZ). datetimes.py checks the same forms in
# the tables it does not list (the plugins', the schema record).
set -eu
cli=$1
python=$2
. "$(dirname "$0")/workspaces.sh"
here=$(dirname "$0")

"$cli" new "$dir/imported.gpkg" --name "Imported" >/dev/null
printf 'pcd,lat,long,doterm\nGL201AA,51.993,-2.158,\nGL207ZZ,52.003,-2.130,\n' >"$dir/postcodes.csv"
printf 'Ref,Need,People,Postcode,Date\nN1,food,2,GL20 1AA,2026-11-01\nN2,water,1,GL20 7ZZ,02/11/2026\n' \
  >"$dir/needs.csv"
"$cli" import "$dir/imported.gpkg" "$dir/postcodes.csv" --format postcodes >/dev/null
"$cli" import "$dir/imported.gpkg" "$dir/needs.csv" --format needs-csv >/dev/null
"$cli" import "$dir/imported.gpkg" "$here/../fuzz/corpus/cap/flood-warning.xml" >/dev/null

status=0
for ws in "$dir/new.gpkg" "$dir/demo.gpkg" "$dir/imported.gpkg"; do
  # -k lists every failed requirement, not only the first.
  if ! "$python" -m osgeo_utils.samples.validate_gpkg -k --extra --warning-as-error "$ws" \
       >"$dir/out" 2>&1; then
    echo "validate_gpkg.py failed on $ws:"; cat "$dir/out"; status=1; continue
  fi
  if [ -s "$dir/out" ]; then
    echo "validate_gpkg.py printed for $ws:"; cat "$dir/out"; status=1
  fi
  echo "validate_gpkg.py: $(basename "$ws") conforms"
done
"$python" "$here/datetimes.py" "$dir/new.gpkg" "$dir/demo.gpkg" "$dir/imported.gpkg" || status=1
exit $status
