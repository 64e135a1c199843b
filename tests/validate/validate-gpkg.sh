#!/bin/sh
# GDAL's GeoPackage validator (validate_gpkg.py, from python3-gdal) must
# pass a new workspace and the demo without one error or warning: it
# checks the gpkg_* tables, every feature table and its R-tree triggers.
set -eu
cli=$1
python=$2
. "$(dirname "$0")/workspaces.sh"

status=0
for ws in "$dir/new.gpkg" "$dir/demo.gpkg"; do
  # -k lists every failed requirement, not only the first.
  if ! "$python" -m osgeo_utils.samples.validate_gpkg -k --warning-as-error "$ws" \
       >"$dir/out" 2>&1; then
    echo "validate_gpkg.py failed on $ws:"; cat "$dir/out"; status=1; continue
  fi
  if [ -s "$dir/out" ]; then
    echo "validate_gpkg.py printed for $ws:"; cat "$dir/out"; status=1
  fi
  echo "validate_gpkg.py: $(basename "$ws") conforms"
done
exit $status
