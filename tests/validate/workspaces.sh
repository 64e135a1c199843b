# Sourced by the validate scripts: makes a new workspace and the demo with
# "$cli" in "$dir", which is removed on exit.
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

"$cli" new "$dir/new.gpkg" --name "Test area" >/dev/null
"$cli" demo "$dir/demo.gpkg" --scale 50 >/dev/null
