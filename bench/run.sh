#!/bin/sh
# bench/run.sh — `make bench`: the speed and memory figures of the
# analyses, side by side with the reference implementations, in one run.
#
#   sh bench/run.sh [BUILD_DIR]
#
# ST-DBSCAN on 1,000,000 synthetic strikes (bench/synth.h: Syria-sized box,
# 10 years, 3,000 towns with Zipf weights, campaigns), eps 500 m / 30 days,
# min-points 2:
#   strikemap ST-DBSCAN (space AND time: the analysis `strikemap repeats` runs)
#   strikemap on a Euclidean ball in (x, y, t scaled to the space threshold)
#     vs scikit-learn DBSCAN on exactly that (Debian's python3-sklearn,
#     /usr/bin/python3, n_jobs=2); labels compared element by element
#   strikemap on the plane (space only) vs PostGIS ST_ClusterDBSCAN on the
#     same events as 3D points ST_MakePoint(x, y, t*scale): ST_ClusterDBSCAN
#     measures 2D distance, so it solves the plane problem; cluster and
#     noise counts are compared. PostGIS runs on its own server on
#     127.0.0.1 (bench/postgis_dbscan.sh), stopped at the end.
# Knox: 100,000 events, 999 permutations, 2 threads.
# Memory: peak RSS of the whole benchmark process / events.
#
# Environment: BENCH_N (1000000), BENCH_KNOX_N (100000), BENCH_KNOX_PERMS
# (999), BENCH_PG_TIMEOUT (seconds per PostGIS query, 1200), BENCH_PG_N
# (events for PostGIS; default BENCH_N).
# Seconds are wall-clock; cpu= is the process's CPU time, the fairer figure
# when other work shares the machine (PostGIS's CPU time is not visible).
set -eu
BUILD=${1:-build}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
N=${BENCH_N:-1000000}
KN=${BENCH_KNOX_N:-100000}
PERMS=${BENCH_KNOX_PERMS:-999}
PG_TIMEOUT=${BENCH_PG_TIMEOUT:-1200}
PG_N=${BENCH_PG_N:-$N}
EPS=500
EPST=2592000 # 30 days in seconds
PY=/usr/bin/python3

# scikit-learn and PostgreSQL + PostGIS, installed when missing
EXTRA_PKGS="python3-sklearn python3-numpy postgresql postgresql-client" sh "$ROOT/scripts/install-deps.sh"
PGV=$(ls /usr/lib/postgresql 2>/dev/null | sort -V | tail -1)
EXTRA_PKGS="postgresql-$PGV-postgis-3" sh "$ROOT/scripts/install-deps.sh"
ninja -C "$BUILD" bench/stdbscan_bench bench/knox_bench >/dev/null
SB="$BUILD/bench/stdbscan_bench"
KB="$BUILD/bench/knox_bench"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/strikemap-bench-XXXXXX")
trap 'rm -rf "$TMP"' EXIT
chmod 755 "$TMP"

kv() { echo "$1" | tr ' ' '\n' | sed -n "s/^$2=//p" | head -1; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1f", a / b; else print "n/a" }'; }

echo "== generating $N synthetic events"
"$SB" gen "$N" 1 "$TMP/ev.bin" "$TMP/ev.csv"
chmod 644 "$TMP/ev.csv"

echo "== ST-DBSCAN, $N events, eps ${EPS} m / 30 d, min-points 2"
cyl=$("$SB" run "$TMP/ev.bin" cylinder $EPS $EPST 2 -)
echo "$cyl"
ball=$("$SB" run "$TMP/ev.bin" ball $EPS $EPST 2 "$TMP/labels_ball.bin")
echo "$ball"
sk=$("$PY" "$HERE/sklearn_dbscan.py" "$TMP/ev.bin" $EPS $EPST 2 "$TMP/labels_ball.bin")
echo "$sk"
plane=$("$SB" run "$TMP/ev.bin" plane $EPS $EPST 2 - "$PG_N")
echo "$plane"
pg=$(sh "$HERE/postgis_dbscan.sh" "$TMP/ev.csv" $EPS $EPST 2 "$PG_TIMEOUT" "$PG_N")
echo "$pg"

echo "== Knox, $KN events, $PERMS permutations, 2 threads"
kx=$("$KB" "$KN" "$PERMS" 2)
echo "$kx"

# --- summary ----------------------------------------------------------------
cyl_s=$(kv "$cyl" seconds) ball_s=$(kv "$ball" seconds) sk_s=$(kv "$sk" seconds)
plane_s=$(kv "$plane" seconds) pg_s=$(kv "$pg" seconds)
echo
echo "== summary"
printf "ST-DBSCAN (space AND time), %s events: %s s (cpu %s s), %s clusters, peak RSS %s bytes = %s bytes/event\n" \
	"$N" "$cyl_s" "$(kv "$cyl" cpu_seconds)" "$(kv "$cyl" clusters)" "$(kv "$cyl" peak_rss_bytes)" "$(kv "$cyl" bytes_per_event)"
printf "scikit-learn DBSCAN (ball, t scaled): %s s (cpu %s s), identical labels: %s\n" \
	"$sk_s" "$(kv "$sk" cpu_seconds)" "$(kv "$sk" identical_labels)"
printf "  ratio scikit-learn / strikemap on the same ball problem:  %sx\n" "$(ratio "$sk_s" "$ball_s")"
printf "  ratio scikit-learn / strikemap ST-DBSCAN:                 %sx\n" "$(ratio "$sk_s" "$cyl_s")"
case "$pg_s" in
">"*)
	printf "PostGIS ST_ClusterDBSCAN, %s events: did not finish in %s s\n" "$PG_N" "${pg_s#>}"
	printf "  ratio PostGIS / strikemap on the same plane problem:     >%sx\n" "$(ratio "${pg_s#>}" "$plane_s")"
	printf "  ratio PostGIS / strikemap ST-DBSCAN:                     >%sx\n" "$(ratio "${pg_s#>}" "$cyl_s")"
	;;
*)
	same=no
	[ "$(kv "$pg" clusters)" = "$(kv "$plane" clusters)" ] && [ "$(kv "$pg" noise)" = "$(kv "$plane" noise)" ] && same=yes
	printf "PostGIS ST_ClusterDBSCAN (2D), %s events: %s s; same clusters and noise as strikemap's plane mode: %s\n" \
		"$PG_N" "$pg_s" "$same"
	printf "  ratio PostGIS / strikemap on the same plane problem:     %sx\n" "$(ratio "$pg_s" "$plane_s")"
	[ "$PG_N" = "$N" ] &&
		printf "  ratio PostGIS / strikemap ST-DBSCAN:                     %sx\n" "$(ratio "$pg_s" "$cyl_s")"
	;;
esac
printf "Knox %s events x %s permutations: %s s (cpu %s s, 2 threads); limit 30 s\n" \
	"$KN" "$PERMS" "$(kv "$kx" seconds)" "$(kv "$kx" cpu_seconds)"

# --- other benchmarks (other areas add theirs below) -------------------------

# the geocoder (gazetteer build, load, queries/s, memory)
sh "$HERE/geocode.sh" "$BUILD"
