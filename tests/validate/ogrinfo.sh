#!/bin/sh
# GDAL must open a new workspace, and the demo, as a GeoPackage with the
# core layers, every layer gpkg_contents lists (the plugins' too), and
# without a single warning or error.
set -eu
cli=$1
ogrinfo=$2
sqlite3=$3
. "$(dirname "$0")/workspaces.sh"

status=0
for ws in "$dir/new.gpkg" "$dir/demo.gpkg"; do
  if ! "$ogrinfo" -ro -so "$ws" >"$dir/out" 2>"$dir/err"; then
    echo "ogrinfo failed on $ws:"; cat "$dir/err"; status=1; continue
  fi
  if [ -s "$dir/err" ]; then
    echo "ogrinfo printed warnings for $ws:"; cat "$dir/err"; status=1
  fi
  layers=$("$sqlite3" -batch "$ws" "SELECT table_name FROM gpkg_contents ORDER BY rowid")
  for layer in area need resource $layers; do
    if ! grep -q "^[0-9]*: $layer " "$dir/out"; then
      echo "ogrinfo did not list layer $layer in $ws:"; cat "$dir/out"; status=1
    fi
  done
  cat "$dir/out"
done

# Every layer of the demo in detail (fields, extent, feature count).
if ! "$ogrinfo" -ro -al -so "$dir/demo.gpkg" >"$dir/out" 2>"$dir/err"; then
  echo "ogrinfo -al failed on the demo:"; cat "$dir/err"; status=1
fi
if [ -s "$dir/err" ]; then
  echo "ogrinfo -al printed warnings for the demo:"; cat "$dir/err"; status=1
fi
for layer in $layers; do
  grep -q "^Layer name: $layer\$" "$dir/out" || { echo "no details of $layer"; status=1; }
done
for layer in area need resource partners_site; do
  "$ogrinfo" -ro -so "$dir/demo.gpkg" "$layer" >"$dir/out" 2>"$dir/err" || status=1
  if [ -s "$dir/err" ]; then
    echo "ogrinfo printed warnings for layer $layer:"; cat "$dir/err"; status=1
  fi
  grep -q "Feature Count: [1-9]" "$dir/out" || { echo "no features in $layer"; cat "$dir/out"; status=1; }
done

# The point-in-area views run in GDAL's SQLite (no Stead functions there):
# every need of the demo lies in its boundary, so each view has rows.
for view in need_area resource_area; do
  if ! "$ogrinfo" -ro -q -sql "SELECT * FROM $view" "$dir/demo.gpkg" >"$dir/out" 2>"$dir/err"; then
    echo "ogrinfo -sql failed on $view:"; cat "$dir/err"; status=1; continue
  fi
  if [ -s "$dir/err" ]; then
    echo "ogrinfo -sql printed warnings for $view:"; cat "$dir/err"; status=1
  fi
  grep -q "kind (String) = boundary" "$dir/out" || { echo "no rows in $view"; status=1; }
done
exit $status
