#!/bin/sh
# npm_assets.sh — build step for the HTML map (called by layers/meson.build):
# install the pinned npm packages of package-lock.json (Leaflet) from the npm
# registry into the build folder, then turn Leaflet's JS and CSS, the HTML
# template and the map's own script into one C file (build_assets.js).
# Nothing vendored is committed; `npm ci` is skipped when the lock file has
# not changed since the last install.
# Usage: npm_assets.sh SRCDIR WORKDIR OUTPUT.c
set -eu
src=$1
work=$2
out=$3
mkdir -p "$work"
if ! cmp -s "$src/package-lock.json" "$work/package-lock.json" || [ ! -f "$work/node_modules/leaflet/dist/leaflet.js" ]; then
	cp "$src/package.json" "$src/package-lock.json" "$work/"
	(cd "$work" && npm ci --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error) >&2
fi
node "$src/build_assets.js" "$out" "$work/node_modules/leaflet/dist" "$src/map_template.html" "$src/map_app.js"
