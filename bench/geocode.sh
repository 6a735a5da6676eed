#!/bin/sh
# bench/geocode.sh — the geocoder's figures for `make bench`: gazetteer build
# time, load time, single-core queries/s and memory.
#
#   sh bench/geocode.sh [BUILD_DIR]
#
# Builds a fresh gazetteer from the reference data into a temporary file
# (timed), then runs bench/geocode_bench on it for BENCH_GEOCODE_SECONDS
# (default 3) of CPU time.
set -eu
BUILD=${1:-build}
ninja -C "$BUILD" strikemap bench/geocode_bench >/dev/null
TMP=$(mktemp -d "${TMPDIR:-/tmp}/strikemap-geobench-XXXXXX")
trap 'rm -rf "$TMP"' EXIT
echo "== geocoder"
start=$(date +%s.%N)
"$BUILD/strikemap" --quiet gazetteer build -o "$TMP/gazetteer.sqlite"
end=$(date +%s.%N)
awk -v a="$start" -v b="$end" 'BEGIN { printf "gazetteer: build %.2f s (wall)\n", b - a }'
"$BUILD/bench/geocode_bench" "$TMP/gazetteer.sqlite" "${BENCH_GEOCODE_SECONDS:-3}"
