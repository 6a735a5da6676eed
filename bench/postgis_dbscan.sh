#!/bin/sh
# postgis_dbscan.sh — PostGIS ST_ClusterDBSCAN on the benchmark events, on
# a PostgreSQL server of its own: initdb in a temporary folder (as the
# postgres user when run as root), listening on 127.0.0.1 only, stopped
# and removed at the end whatever happens.
#
#   postgis_dbscan.sh EVENTS.csv EPS_SPACE EPS_TIME MIN_PTS TIMEOUT_S N...
#
# EVENTS.csv: id,x,y,t (metres, seconds). Each N runs ST_ClusterDBSCAN over
# the first N events; one line of key=value per run. A run that passes
# TIMEOUT_S seconds is reported as timeout=yes seconds=>TIMEOUT_S.
#
# What is compared: the points are ST_MakePoint(x, y, t * EPS_SPACE /
# EPS_TIME) — time scaled to the space threshold, as scikit-learn gets it —
# but ST_ClusterDBSCAN measures 2D distance, so PostGIS clusters on x, y
# only: the same problem as `stdbscan_bench run ... plane`, which bench/run.sh
# times on the same events for the ratio (cluster and noise counts must
# agree). Only the clustering query is timed (geometries built and loaded
# beforehand).
set -eu
csv=$1 eps=$2 epst=$3 minpts=$4 timeout=$5
shift 5

PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$PGBIN" ] || { echo "postgis_dbscan: PostgreSQL is not installed" >&2; exit 1; }
dir=$(mktemp -d "${TMPDIR:-/tmp}/strikemap-pg-XXXXXX")
chmod 755 "$dir"
if [ "$(id -u)" = 0 ]; then
	chown postgres "$dir"
	as_pg() { runuser -u postgres -- "$@"; }
else
	as_pg() { "$@"; }
fi
started=0
stop() {
	[ "$started" = 1 ] && as_pg "$PGBIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
	rm -rf "$dir"
}
trap stop EXIT INT TERM

as_pg "$PGBIN/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 >"$dir/initdb.log" 2>&1 ||
	{ cat "$dir/initdb.log" >&2; exit 1; }
port=""
for p in 55432 55433 55434 55435 55436 55437 55438 55439; do
	if as_pg "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
		-o "-p $p -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c work_mem=4GB -c maintenance_work_mem=1GB -c shared_buffers=256MB" \
		start >/dev/null 2>&1; then
		port=$p
		break
	fi
done
[ -n "$port" ] || { echo "postgis_dbscan: the server did not start:" >&2; cat "$dir/server.log" >&2; exit 1; }
started=1
PSQL="psql -X -q -A -t -h 127.0.0.1 -p $port -U postgres -d postgres -v ON_ERROR_STOP=1"
$PSQL -c "CREATE EXTENSION postgis" >/dev/null
$PSQL -c "CREATE TABLE ev (id integer PRIMARY KEY, x float8, y float8, t float8)"
$PSQL -c "\\copy ev FROM '$csv' WITH (FORMAT csv)"
$PSQL -c "ALTER TABLE ev ADD COLUMN geom geometry(PointZ)" \
	-c "UPDATE ev SET geom = ST_MakePoint(x, y, t * $eps / $epst)" -c "VACUUM ANALYZE ev" >/dev/null
version=$($PSQL -c "SELECT postgis_lib_version()")
for n in "$@"; do
	out=$($PSQL -c "SET statement_timeout = '${timeout}s'" -c '\timing on' \
		-c "SELECT count(DISTINCT cid) || ' ' || count(*) FILTER (WHERE cid IS NULL)
		    FROM (SELECT ST_ClusterDBSCAN(geom, $eps, $minpts) OVER (ORDER BY id) AS cid
		          FROM ev WHERE id < $n) s" 2>&1) || true
	if echo "$out" | grep -q "statement timeout"; then
		echo "impl=postgis version=$version metric=plane n=$n timeout=yes seconds=>$timeout"
		continue
	fi
	res=$(echo "$out" | grep -E '^[0-9]+ [0-9]+$' | head -1)
	ms=$(echo "$out" | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | tail -1)
	if [ -z "$res" ] || [ -z "$ms" ]; then
		echo "postgis_dbscan: unexpected output: $out" >&2
		exit 1
	fi
	secs=$(awk -v m="$ms" 'BEGIN { printf "%.3f", m / 1000 }')
	echo "impl=postgis version=$version metric=plane n=$n seconds=$secs clusters=${res% *} noise=${res#* }"
done
