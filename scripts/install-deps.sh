#!/bin/sh
# install-deps.sh — install the Debian packages strikemap needs, only those
# missing. Idempotent; uses sudo only when not root. Set STRIKEMAP_NO_INSTALL=1
# to skip (then missing packages make the build fail with meson's message).
set -eu

# build and run
PKGS="build-essential meson ninja-build pkg-config
libgdal-dev gdal-bin libproj-dev proj-data libgeos-dev
libspatialite-dev libsqlite3-mod-spatialite libsqlite3-dev sqlite3
libcairo2-dev libpango1.0-dev fonts-dejavu-core fonts-noto-core
libicu-dev libutf8proc-dev libjson-c-dev"
# tests
PKGS="$PKGS libcmocka-dev"
# tests of query/summary: jq reads the JSON, geod (proj-bin) is the brute-force geodesic
PKGS="$PKGS jq proj-bin"
# the PostGIS export/import test starts its own server (tests/postgis/run.sh)
PKGS="$PKGS postgresql postgresql-15-postgis-3"
# maps: the HTML map's Leaflet comes from the npm registry at build time (node
# and npm: only when missing, a NodeSource node already carries npm); the
# map tests open it in headless Chromium and check the SVG with xmllint
command -v npm >/dev/null 2>&1 || PKGS="$PKGS nodejs npm"
PKGS="$PKGS chromium libxml2-utils"
# extra packages named by the caller (e.g. make bench adds its own)
PKGS="$PKGS ${EXTRA_PKGS:-}"

[ "${STRIKEMAP_NO_INSTALL:-0}" = 1 ] && exit 0

missing=""
for p in $PKGS; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
echo "install-deps: installing:$missing" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
