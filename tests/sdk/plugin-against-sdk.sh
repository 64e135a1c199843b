#!/bin/sh
# plugin-against-sdk.sh: a third party builds a plugin against the installed SDK
#
# Installs the build into a scratch root, then compiles the test plugin's
# two modules as a third party would: with only the installed headers,
# pkg-config and glib-compile-resources, no file of Stead's build tree
# and not Stead's config.h. The installed stead-cli of the scratch root
# then loads the data module (X-Stead-ABI=1), lists its import format,
# applies its schema and adds its share of the demo; the window module
# must link against the installed libstead-gtk alone.
#
# Usage: plugin-against-sdk.sh BUILD_DIR SOURCE_DIR
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -eu

build=$1
src=$2
plugin_src=$src/tests/plugins/testplugin
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root=$work/root
out=$work/plugins/testplugin
mkdir -p "$out" "$work/include" "$work/config/glib-2.0/settings"

fail () {
  echo "FAIL: $*" >&2
  exit 1
}

meson install -C "$build" --destdir "$root" --no-rebuild --quiet >"$work/install.log" 2>&1 ||
  { cat "$work/install.log" >&2; fail "meson install into a scratch root failed"; }

pc=$(find "$root" -name stead-core-1.pc -print -quit)
[ -n "$pc" ] || fail "no stead-core-1.pc installed"
# The SDK's .pc files, with their prefix moved to the scratch root.
mkdir -p "$work/pc"
for f in "$(dirname "$pc")"/stead-*.pc; do
  prefix=$(sed -n 's/^prefix=//p' "$f")
  sed "s|^prefix=.*|prefix=$root$prefix|; s|=$prefix/|=$root$prefix/|" "$f" >"$work/pc/$(basename "$f")"
done
PKG_CONFIG_PATH=$work/pc${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}
export PKG_CONFIG_PATH

[ "$(pkg-config --variable=abi stead-core-1)" = 1 ] || fail "stead-core-1.pc does not say abi=1"
pkg-config --exists stead-gtk-1 || fail "no stead-gtk-1.pc installed"

# The plugin's own config.h, as its build would write it.
echo '#define GETTEXT_PACKAGE "testplugin"' >"$work/include/config.h"

build_module () {
  name=$1 c_name=$2 pkg=$3
  shift 3
  glib-compile-resources --generate-source --c-name "$c_name" --sourcedir "$plugin_src" \
    --target "$work/$name-resources.c" "$plugin_src/$name.gresource.xml" ||
    fail "glib-compile-resources $name"
  # shellcheck disable=SC2046 # pkg-config's flags are words
  cc -shared -fPIC -Wall -Werror -Wno-deprecated-declarations -I"$work/include" \
    -o "$out/lib$name.so" "$@" "$work/$name-resources.c" \
    $(pkg-config --cflags --libs "$pkg") >"$work/$name-cc.log" 2>&1 ||
    { cat "$work/$name-cc.log" >&2; fail "$name does not build against the installed SDK"; }
  cp "$plugin_src/$name.plugin" "$out/"
}

build_module testplugin testplugin stead-core-1 \
  "$plugin_src/testplugin.c" "$plugin_src/testplugin-model.c"
build_module testplugin-gtk testplugin_gtk stead-gtk-1 \
  "$plugin_src/testplugin-gtk.c" "$plugin_src/testplugin-model.c"

# The installed stead-cli, with the installed libraries and plugins.
cli=$(find "$root" -path '*/bin/stead-cli' -print -quit)
[ -x "$cli" ] || fail "no stead-cli installed"
libdir=$(dirname "$(find "$root" -name 'libstead-core-1.so*' -print -quit)")
schemas=$(find "$root" -name 'gschemas.compiled' -printf '%h\n' -quit)
[ -n "$schemas" ] || glib-compile-schemas "$(find "$root" -name '*.gschema.xml' -printf '%h\n' -quit)"
schemas=$(find "$root" -name '*.gschema.xml' -printf '%h\n' -quit)
glib-compile-schemas "$schemas"
printf '[io/github/steadapp/Stead]\nenabled-plugins=['"'"'testplugin'"'"']\n' \
  >"$work/config/glib-2.0/settings/keyfile"

run_cli () {
  env -u STEAD_INTREE_PLUGIN_DIR LD_LIBRARY_PATH="$libdir" STEAD_PLUGIN_PATH="$work/plugins/testplugin" \
    XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" GSETTINGS_BACKEND=keyfile \
    GSETTINGS_SCHEMA_DIR="$schemas" "$cli" "$@"
}

run_cli formats >"$work/formats" 2>&1 || { cat "$work/formats" >&2; fail "stead-cli formats"; }
grep -q testplugin-items "$work/formats" || fail "the plugin's import format is not listed"
run_cli demo "$work/area.gpkg" --scale 20 >/dev/null 2>"$work/demo.err" ||
  { cat "$work/demo.err" >&2; fail "stead-cli demo with the plugin"; }
run_cli info "$work/area.gpkg" --json >"$work/info.json" ||
  fail "stead-cli info"
python3 - "$work/info.json" <<'PY' || fail "the plugin was not loaded from the SDK build"
import json, sys
info = json.load(open(sys.argv[1]))
modules = {p["module"]: p for p in info["plugins"]}
assert "testplugin" in modules, modules
assert modules["testplugin"]["schema_version"] == 10, modules["testplugin"]
assert info["tables"]["testplugin_item"] == 3, info["tables"]
PY

# The window module resolves every symbol against the installed libraries.
LD_LIBRARY_PATH=$libdir python3 -c '
import ctypes, sys
lib = ctypes.CDLL(sys.argv[1], mode=ctypes.RTLD_GLOBAL)
lib.peas_register_types
' "$out/libtestplugin-gtk.so" || fail "the window module does not load against the installed SDK"

echo "ok: the test plugin builds against the installed SDK and the installed stead-cli loads it"
