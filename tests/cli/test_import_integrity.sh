#!/bin/sh
# test_import_integrity.sh — `strikemap import` refuses or flags input that
# would silently change a record: a GeoJSON property given twice in one
# Feature (json-c would keep only the last value) is refused with exit 3
# and the store left as it was.
. "$(dirname "$0")/lib.sh"

DB="$T_TMP/s.sqlite"
NOGAZ="$T_TMP/no-gazetteer.sqlite" # absent on purpose: these rows give points
store_digest() {
	sqlite3 "$1" "SELECT * FROM incidents ORDER BY id; SELECT * FROM import_log ORDER BY id;" |
		md5sum | cut -d' ' -f1
}
q() { sqlite3 "$DB" "$1"; }

# --- a property given twice ------------------------------------------------
cat >"$T_TMP/first.geojson" <<'EOF'
{"type": "FeatureCollection", "features": [
 {"type": "Feature", "geometry": {"type": "Point", "coordinates": [36.4013, 33.5697]},
  "properties": {"id": "d1", "date": "2018-01-02", "place": "Douma city", "facility_type": "hospital"}}
]}
EOF
run import --db "$DB" --gazetteer "$NOGAZ" "$T_TMP/first.geojson"
expect_rc 0 "a clean GeoJSON file is imported"
before=$(store_digest "$DB")

cat >"$T_TMP/dup.geojson" <<'EOF'
{"type": "FeatureCollection", "features": [
 {"type": "Feature", "geometry": {"type": "Point", "coordinates": [36.3857, 33.5280]},
  "properties": {"id": "d2", "date": "2018-01-05", "place": "Hamouriya town"}},
 {"type": "Feature", "geometry": {"type": "Point", "coordinates": [36.4013, 33.5697]},
  "properties": {"id": "d1", "date": "2018-01-02",
                 "date": "2018-01-20", "place": "Douma city"}}
]}
EOF
run import --db "$DB" --gazetteer "$NOGAZ" "$T_TMP/dup.geojson"
expect_rc 3 "a property given twice refuses the file (exit 3)"
expect_stderr_has "strikemap: import: $T_TMP/dup.geojson: feature 2: property \"date\" appears twice (lines 5 and 6)" \
	"the error names file, feature, property and lines"
expect_stderr_has "dup.geojson refused; nothing was stored" "the user is told nothing was stored"
expect_stdout_empty "no summary for a refused file"
expect_eq "$(store_digest "$DB")" "$before" "the store is unchanged (d1 keeps 2018-01-02, no d2)"
expect_eq "$(q "SELECT date FROM incidents WHERE id='d1'")" 2018-01-02 "d1's date is as first imported"

# written with an escape, the key is the same one
printf '%s\n' '{"type":"FeatureCollection","features":[{"type":"Feature","geometry":null,' \
	'"properties":{"id":"d3","date":"2018-01-02","d\u0061te":"2018-01-03","lon":36.4,"lat":33.5}}]}' \
	>"$T_TMP/esc.geojson"
run import --db "$DB" --gazetteer "$NOGAZ" "$T_TMP/esc.geojson"
expect_rc 3 "an escaped repeat of a key is refused too"
expect_stderr_has 'esc.geojson: feature 1: property "date" appears twice (line 2)' "the unescaped key is named"
expect_eq "$(store_digest "$DB")" "$before" "the store is unchanged"

# a repeat in the collection itself (outside any feature)
printf '%s\n' '{"type":"FeatureCollection","features":[],' \
	'"features":[{"type":"Feature","geometry":null,"properties":{"date":"2018-01-02","lon":36.4,"lat":33.5}}]}' \
	>"$T_TMP/coll.geojson"
run import --db "$DB" --gazetteer "$NOGAZ" "$T_TMP/coll.geojson"
expect_rc 3 "a repeated member of the collection is refused"
expect_stderr_has 'coll.geojson:2: JSON: key "features" appears twice in one object (lines 1 and 2)' \
	"the repeated collection member is named with its lines"

# the same key in different objects is fine
printf '%s\n' '{"type":"FeatureCollection","features":[{"type":"Feature",' \
	'"geometry":{"type":"Point","coordinates":[36.3857,33.5280]},' \
	'"properties":{"id":"d2","date":"2018-01-05","type":"note","notes":"\"date\": \"x\""}}]}' \
	>"$T_TMP/same.geojson"
run import --db "$DB" --gazetteer "$NOGAZ" "$T_TMP/same.geojson"
expect_rc 0 "the same key in nested objects and inside strings is not a repeat"

finish
