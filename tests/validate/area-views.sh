#!/bin/sh
# The need_area and resource_area views of the demo, run by GDAL, list
# what GEOS finds inside each area (area-views.py).
set -eu
cli=$1
python=$2
script=$3
. "$(dirname "$0")/workspaces.sh"

"$python" "$script" "$dir/demo.gpkg"
