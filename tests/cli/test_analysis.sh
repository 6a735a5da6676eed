#!/bin/sh
# test_analysis.sh — `strikemap sequences` and `strikemap repeats` end to
# end: help and usage errors, a missing store, and the January 2018
# incidents imported with the built gazetteer: the double-strike and
# "tending the wounded" sequences and the repeated strikes the report
# describes, and facilities of one town kept apart.
. "$(dirname "$0")/lib.sh"

SRC="${STRIKEMAP_SOURCE_DIR:?}"
DB="$T_TMP/s.sqlite"
q() { sqlite3 "$DB" "$1"; }
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3

# --- help and usage -------------------------------------------------------
run sequences --help
expect_rc 0 "sequences --help exits 0"
expect_stdout_has "Usage: strikemap sequences" "sequences --help prints usage"
for opt in --db --max-gap --max-distance --follow-window --follow-distance --format -o; do
	expect_stdout_has "$opt" "sequences --help documents $opt"
done
run repeats --help
expect_rc 0 "repeats --help exits 0"
expect_stdout_has "Usage: strikemap repeats" "repeats --help prints usage"
for opt in --db --eps-space --eps-time --min-strikes --knox --seed --bands-space --bands-time --format -o; do
	expect_stdout_has "$opt" "repeats --help documents $opt"
done
run sequences --max-gap 5
expect_rc 2 "a duration without a unit is a usage error"
expect_stderr_has '--max-gap: "5" is not a duration' "the bad duration is named"
run sequences --max-distance 1mile
expect_rc 2 "an unknown distance unit is a usage error"
expect_stderr_has '--max-distance: "1mile" is not a distance' "the bad distance is named"
run sequences --format xml
expect_rc 2 "an unknown format is a usage error"
run sequences --frobnicate
expect_rc 2 "an unknown option is a usage error"
expect_stderr_has "unknown option '--frobnicate'" "the unknown option is named"
run repeats --eps-space 0m
expect_rc 2 "eps-space 0 is refused"
run repeats --min-strikes 1
expect_rc 2 "min-strikes 1 is refused"
run repeats --knox -1
expect_rc 2 "a negative permutation count is refused"
run repeats --bands-space 500m,100m
expect_rc 2 "decreasing bands are refused"
expect_stderr_has "must increase" "the band error says why"
run repeats --seed x
expect_rc 2 "a non-numeric seed is refused"
run sequences --db "$T_TMP/missing.sqlite"
expect_rc 5 "a missing store exits 5"
expect_stderr_has "missing.sqlite" "the missing store is named"
[ ! -e "$T_TMP/missing.sqlite" ] && ok "no store is created" || not_ok "a store was created"
run repeats --db "$T_TMP/missing.sqlite"
expect_rc 5 "repeats: a missing store exits 5"

# --- the January 2018 incidents -----------------------------------------
GAZ="${STRIKEMAP_GAZETTEER:-}"
if [ -z "$GAZ" ] || [ ! -s "$GAZ" ]; then
	GAZ="$T_TMP/gaz.sqlite"
	run gazetteer build -o "$GAZ"
	expect_rc 0 "the gazetteer is built"
fi
run import --db "$DB" --gazetteer "$GAZ" "$SRC/data/incidents-2018-01.csv"
expect_rc 0 "the January 2018 incidents are imported"

run sequences --db "$DB"
expect_rc 0 "sequences runs on the January store"
expect_stdout_has "textual_evidence" "the table names the sequence types"
expect_stdout_has "has no row" "an unrecorded earlier strike is reported as such"
expect_stderr_has "sequences" "a summary note goes to stderr"

# incidents in a sequence, by date and place
inseq() {
	q "SELECT count(*) FROM sequence_members m JOIN incidents i ON i.id = m.incident_id
	   WHERE i.date = '$1' AND i.place_text LIKE '%$2%'"
}
[ "$(inseq 2018-01-02 Douma)" -ge 1 ] && ok "Douma market, 2 January (tending the wounded) is a sequence" ||
	not_ok "Douma 2 January is not in a sequence"
[ "$(inseq 2018-01-20 Douma)" -ge 1 ] && ok "Douma market, 20 January (tending the wounded) is a sequence" ||
	not_ok "Douma 20 January is not in a sequence"
[ "$(inseq 2018-01-03 Misraba)" -ge 1 ] && ok "Misraba, 3 January (scouting a previous strike) is a sequence" ||
	not_ok "Misraba 3 January is not in a sequence"
expect_eq "$(q "SELECT s.unrecorded_earlier FROM sequences s JOIN sequence_members m ON m.sequence_id = s.id
	JOIN incidents i ON i.id = m.incident_id WHERE i.date = '2018-01-03' AND i.place_text LIKE '%Misraba%'")" 1 \
	"Misraba's earlier strike is flagged as unrecorded"
expect_eq "$(q "SELECT evidence LIKE '%previous%' FROM sequences s JOIN sequence_members m ON m.sequence_id = s.id
	JOIN incidents i ON i.id = m.incident_id WHERE i.date = '2018-01-02' AND i.place_text LIKE '%Douma%'")" 1 \
	"the evidence sentence is kept"
# al Quds and al Balsam in Hamouriya: one strike at 14:00, not a double strike
expect_eq "$(q "SELECT count(*) FROM sequences WHERE type = 'double_strike'")" 0 \
	"simultaneous rows of one strike are not a double strike"
n1=$(q "SELECT count(*) FROM sequence_members")
run sequences --db "$DB" --format geojson -o "$T_TMP/seq.geojson"
expect_rc 0 "sequences -o writes a file"
expect_stdout_empty "with -o nothing goes to stdout"
expect_eq "$(q "SELECT count(*) FROM sequence_members")" "$n1" "a second run replaces the tables"
expect_eq "$("$PY" -c "import json,sys; d=json.load(open(sys.argv[1])); print(d['type'], len(d['features']) > 0, all(f['geometry'] is None or f['geometry']['type'] in ('Point','LineString') for f in d['features']))" "$T_TMP/seq.geojson")" \
	"FeatureCollection True True" "the GeoJSON is a FeatureCollection of Points and LineStrings"
run sequences --db "$DB" --format json
expect_eq "$("$PY" -c "import json,sys; d=json.load(sys.stdin); print(all('members' in s and 'perpetrators' in s for s in d))" <"$T_OUT")" \
	"True" "the JSON lists members and perpetrators"
expect_eq "$(q "SELECT count(*) FROM views_geometry_columns WHERE view_name IN ('sequences_lines','sequences_points')")" 2 \
	"the sequence views are registered for QGIS"

run repeats --db "$DB" --seed 3
expect_rc 0 "repeats runs on the January store"
expect_stdout_has "Knox test" "the Knox result is printed"
expect_stdout_has "Near-repeat table" "the near-repeat table is printed"
expect_stdout_has "dated only to the month" "month-only strikes are said to have no exact interval"

# members of each group: "dates | facility names | places"
groups() {
	q "SELECT group_concat(d, ' ') || ' | ' || group_concat(DISTINCT fn) || ' | ' || group_concat(DISTINCT pl)
	   FROM (SELECT m.repeat_id AS id, i.date AS d, lower(coalesce(i.facility_name, '')) AS fn,
	                i.place_text AS pl
	         FROM repeat_members m JOIN incidents i ON i.id = m.incident_id ORDER BY m.repeat_id, m.ord)
	   GROUP BY id"
}
groups >"$T_TMP/groups"
grep -q "2018-01-11 2018-01-20 | saraqeb civil defense" "$T_TMP/groups" &&
	ok "Saraqeb civil-defence centre, 11 and 20 January, is a repeat group" ||
	not_ok "Saraqeb civil-defence centre group missing: $(cat "$T_TMP/groups")"
grep -q "2018-01-21 2018-01-29 | oday saraqeb hospital" "$T_TMP/groups" &&
	ok "Saraqeb hospital (al Ihsan), 21 and 29 January, is a repeat group" ||
	not_ok "al Ihsan group missing: $(cat "$T_TMP/groups")"
grep -q "2018-01-30 | .*a'raj hospital.* | Kafr Zita" "$T_TMP/groups" &&
	ok "al Maghara hospital in Kafr Zita is a repeat group" ||
	not_ok "al Maghara group missing: $(cat "$T_TMP/groups")"
expect_eq "$(q "SELECT n_strikes, n_month_only FROM repeats WHERE town LIKE 'Kafr%'")" "3|2" \
	"al Maghara: the third attack of the month, two dated only to the month"
expect_eq "$(q "SELECT count(*) FROM (SELECT m.repeat_id FROM repeat_members m JOIN incidents i ON i.id = m.incident_id
	GROUP BY m.repeat_id HAVING count(DISTINCT lower(coalesce(i.facility_name, ''))) > 1
	   OR count(DISTINCT i.facility_type) > 1)")" 0 "no group mixes facilities of different names or types"
expect_eq "$(q "SELECT count(*) FROM repeat_members m JOIN incidents i ON i.id = m.incident_id
	WHERE i.place_text LIKE '%Nu''man%' OR i.place_text LIKE '%Nu’man%'")" 0 \
	"al Salam hospital and the other Ma'aret al Nu'man facilities are not merged"
expect_eq "$(q "SELECT count(*) FROM knox_results WHERE n_events > 0 AND p_value > 0 AND p_value <= 1")" 1 "the Knox result is stored"
expect_eq "$(q "SELECT count(*) FROM near_repeat")" 20 "the near-repeat table is stored (4 x 5 cells)"

run repeats --db "$DB" --seed 3 --format json
cp "$T_OUT" "$T_TMP/r1.json"
run repeats --db "$DB" --seed 3 --format json
cmp -s "$T_OUT" "$T_TMP/r1.json" && ok "the same seed gives the same result" || not_ok "results differ under one seed"
run repeats --db "$DB" --knox 0 --format geojson -o "$T_TMP/rep.geojson"
expect_rc 0 "repeats --knox 0 runs"
expect_eq "$("$PY" -c "import json,sys; d=json.load(open(sys.argv[1])); print(d['type'], len(d['features']), d['knox'])" "$T_TMP/rep.geojson")" \
	"FeatureCollection 3 None" "the GeoJSON holds the three groups and no Knox result"
expect_eq "$(q "SELECT count(*) FROM knox_results")" 0 "--knox 0 empties the Knox table"
run repeats --db "$DB" --min-strikes 3 --knox 0
expect_stdout_has "Kafr" "min-strikes 3 keeps the three-strike group"
expect_stdout_lacks "Saraqeb civil defense" "min-strikes 3 drops the two-strike groups"

finish
