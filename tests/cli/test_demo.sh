#!/bin/sh
# test_demo.sh — `strikemap demo -o DIR` end to end: the store, the GeoJSON
# and the shapefile exist and open in GDAL with one feature per built-in
# incident, the shapefile has its .shx .dbf .prj .cpg (UTF-8), and every
# built-in incident lies within 2 km of the community checked by hand in
# tests/data/expected-2018-01.csv.
. "$(dirname "$0")/lib.sh"

SRC="${STRIKEMAP_SOURCE_DIR:?}"
EXPECTED="$SRC/tests/data/expected-2018-01.csv"
DATA="$SRC/data/incidents-2018-01.csv"
OUT="$T_TMP/out"
N=$(($(wc -l <"$DATA") - 1)) # one incident per line: the dataset has no multi-line cells

run demo --help
expect_rc 0 "demo --help exits 0"
for opt in -o --data --help; do expect_stdout_has "$opt" "demo --help documents $opt"; done
run demo --bogus
expect_rc 2 "demo with an unknown argument exits 2"
run demo -o "$T_TMP/x" --data "$T_TMP/none.csv"
expect_rc 5 "demo with a missing --data file exits 5"

run demo -o "$OUT"
expect_rc 0 "demo succeeds"
expect_stdout_has "$N incidents read from 1 file" "demo summary counts the built-in incidents"
expect_stdout_has "stored in $OUT/strikes.sqlite: $N new, 0 updated" "demo starts from a fresh store"
expect_stdout_has "unresolved:" "demo summary lists unresolved rows"
# the summary counts by the answers' precision codes: a town's point for a
# place near it ("outskirts of", "east of") is precision 2, not 1
P1=$(sqlite3 "$OUT/strikes.sqlite" "SELECT count(*) FROM incidents WHERE geo_precision=1 AND precision_word='community'")
P2=$(sqlite3 "$OUT/strikes.sqlite" "SELECT count(*) FROM incidents WHERE geo_precision=2 AND precision_word='community'")
if grep -qx "  resolved to a community (precision 1): $P1" "$T_OUT"; then
	ok "demo summary counts communities at precision 1"
else
	not_ok "demo summary counts communities at precision 1 (wanted $P1)"
fi
if [ "$P2" -gt 0 ]; then
	if grep -qx "  resolved to a community's point, near it or in a part of it the gazetteer does not know (precision 2): $P2" "$T_OUT"; then
		ok "demo summary counts places near a community apart"
	else
		not_ok "demo summary counts places near a community apart (wanted $P2)"
	fi
else
	not_ok "the built-in incidents should hold places near a town (precision 2)"
fi

for f in strikes.sqlite gazetteer.sqlite incidents.geojson incidents.shp incidents.shx incidents.dbf incidents.prj incidents.cpg; do
	if [ -s "$OUT/$f" ]; then ok "demo wrote $f"; else not_ok "demo did not write $f"; fi
done
expect_eq "$(tr -d '\r\n' <"$OUT/incidents.cpg" 2>/dev/null)" "UTF-8" ".cpg says UTF-8"
if grep -q 'WGS' "$OUT/incidents.prj" 2>/dev/null; then ok ".prj is WGS 84"; else not_ok ".prj is not WGS 84"; fi
expect_eq "$(sqlite3 "$OUT/strikes.sqlite" 'SELECT count(*) FROM incidents')" "$N" "the store holds every built-in incident"

count_features() { ogrinfo -ro -so -al "$1" 2>/dev/null | sed -n 's/^Feature Count: //p'; }
expect_eq "$(count_features "$OUT/incidents.geojson")" "$N" "GDAL opens the GeoJSON with one feature per incident"
expect_eq "$(count_features "$OUT/incidents.shp")" "$N" "GDAL opens the shapefile with one feature per incident"

# A second run replaces everything and gives the same numbers.
run demo -o "$OUT"
expect_rc 0 "demo runs again over its own output"
expect_stdout_has "$N new, 0 updated" "the second run starts fresh too"

# Every built-in incident within 2 km of its expected community, read back
# from the exported GeoJSON (RFC 7946: longitude first).
ogr2ogr -f CSV "$T_TMP/got.csv" "$OUT/incidents.geojson" -lco GEOMETRY=AS_XY 2>"$T_TMP/ogr.err"
if [ -s "$T_TMP/got.csv" ]; then ok "the GeoJSON converts to CSV"; else not_ok "ogr2ogr failed: $(cat "$T_TMP/ogr.err")"; fi
# got.csv has X,Y first and an id column; expected has id,pcode,name,admin3,lon,lat,...
# Quoted cells in the export may hold commas: parse both with a tiny CSV splitter.
awk -v EXP="$EXPECTED" '
function splitcsv(line, out,    n, i, c, q, f) {
	n = 0; f = ""; q = 0
	for (i = 1; i <= length(line); i++) {
		c = substr(line, i, 1)
		if (q) { if (c == "\"") { if (substr(line, i + 1, 1) == "\"") { f = f "\""; i++ } else q = 0 } else f = f c }
		else if (c == "\"") q = 1
		else if (c == ",") { out[++n] = f; f = "" }
		else f = f c
	}
	out[++n] = f
	return n
}
function rad(d) { return d * 3.141592653589793 / 180 }
function dist(lo1, la1, lo2, la2,    a) {
	a = sin(rad(la2 - la1) / 2) ^ 2 + cos(rad(la1)) * cos(rad(la2)) * sin(rad(lo2 - lo1) / 2) ^ 2
	return 2 * 6371.0088 * atan2(sqrt(a), sqrt(1 - a))
}
BEGIN {
	while ((getline line < EXP) > 0) {
		if (++ln == 1) continue
		splitcsv(line, e); elon[e[1]] = e[5]; elat[e[1]] = e[6]; ename[e[1]] = e[3]; n_exp++
	}
}
NR == 1 { nf = splitcsv($0, h); for (i = 1; i <= nf; i++) col[h[i]] = i; next }
{
	splitcsv($0, r); id = r[col["id"]]; x = r[col["X"]]; y = r[col["Y"]]
	if (!(id in elon)) next
	seen[id] = 1
	if (x == "" || y == "") { printf "  FAR: %s (%s) has no point\n", id, ename[id]; bad++ }
	else {
		d = dist(x, y, elon[id], elat[id])
		if (d <= 2.0) { good++; printf "  near: %s within 2 km of %s (%.2f km)\n", id, ename[id], d }
		else { bad++; printf "  FAR: %s is %.1f km from %s (got %s,%s)\n", id, d, ename[id], x, y }
	}
}
END {
	for (id in elon) if (!(id in seen)) { printf "  FAR: %s missing from the export\n", id; bad++ }
	printf "SUMMARY %d %d %d\n", good + 0, bad + 0, n_exp
}' "$T_TMP/got.csv" >"$T_TMP/dist.txt"
grep -v '^SUMMARY' "$T_TMP/dist.txt"
set -- $(sed -n 's/^SUMMARY //p' "$T_TMP/dist.txt")
expect_eq "${3:-0}" "$N" "expected-2018-01.csv covers every built-in incident"
expect_eq "${1:-0}" "$N" "every built-in incident lies within 2 km of its expected community"

finish
