#!/bin/sh
# GDAL must open a new workspace, and the demo, as a GeoPackage with the
# core layers and without a single warning or error.
set -eu
cli=$1
ogrinfo=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

"$cli" new "$dir/new.gpkg" --name "Test area" >/dev/null
"$cli" demo "$dir/demo.gpkg" --scale 50 >/dev/null

status=0
for ws in "$dir/new.gpkg" "$dir/demo.gpkg"; do
  if ! "$ogrinfo" -so "$ws" >"$dir/out" 2>"$dir/err"; then
    echo "ogrinfo failed on $ws:"; cat "$dir/err"; status=1; continue
  fi
  if [ -s "$dir/err" ]; then
    echo "ogrinfo printed warnings for $ws:"; cat "$dir/err"; status=1
  fi
  for layer in area need resource; do
    if ! grep -q "^[0-9]*: $layer " "$dir/out"; then
      echo "ogrinfo did not list layer $layer in $ws:"; cat "$dir/out"; status=1
    fi
  done
  cat "$dir/out"
done

# Layer details (fields, extent, feature count) of the demo.
for layer in area need resource; do
  "$ogrinfo" -so "$dir/demo.gpkg" "$layer" >"$dir/out" 2>"$dir/err" || status=1
  if [ -s "$dir/err" ]; then
    echo "ogrinfo printed warnings for layer $layer:"; cat "$dir/err"; status=1
  fi
  grep -q "Feature Count: [1-9]" "$dir/out" || { echo "no features in $layer"; cat "$dir/out"; status=1; }
done
exit $status
