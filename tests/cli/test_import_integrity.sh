#!/bin/sh
# test_import_integrity.sh — `strikemap import` refuses or flags input that
# would silently change a record: a GeoJSON property given twice in one
# Feature (json-c would keep only the last value) is refused with exit 3
# and the store left as it was; with a gazetteer, a point written latitude
# first (outside Syria, but inside once swapped) is warned about naming
# file, row and columns, and kept as given; a point outside Syria either way
# is warned about once.
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

# --- longitude and latitude swapped -----------------------------------------
GAZ="${STRIKEMAP_GAZETTEER:-}"
if [ -z "$GAZ" ] || [ ! -s "$GAZ" ]; then
	GAZ="$T_TMP/gaz.sqlite"
	run gazetteer build -o "$GAZ"
	expect_rc 0 "the gazetteer is built from the reference data"
fi
SW="$T_TMP/sw.sqlite"
# Idlib city is (36.635276, 35.929008); s1 gives it latitude first, which
# still falls inside Syria's bounding box (only the border can tell)
cat >"$T_TMP/swapped.csv" <<'EOF'
id,date,place,governorate,facility_type,Longitude,Latitude
s0,2018-01-19,Idlib city,Idlib,hospital,36.635276,35.929008
s1,2018-01-20,Idlib city,Idlib,hospital,35.929008,36.635276
s2,2018-01-21,Hama city,,hospital,35.1,36.75
s3,2018-01-22,Paris,,hospital,2.35,48.85
s4,2018-01-23,Kessab,Latakia,hospital,35.87,35.89
s5,2018-01-24,Hama city,Aleppo,hospital,35.1,36.75
EOF
run import --db "$SW" --gazetteer "$GAZ" "$T_TMP/swapped.csv"
expect_rc 0 "rows with swapped or foreign points are kept (warnings, not errors)"
expect_stderr_has "strikemap: import: warning: $T_TMP/swapped.csv:3: incident s1: columns \"Longitude\"/\"Latitude\": lon/lat look swapped: (35.929008, 36.635276) is outside Syria, (36.635276, 35.929008) is in Idleb governorate (as the row says); kept as given" \
	"the swap is named with file, line, columns, both points and the governorate"
expect_stderr_has "swapped.csv:4: incident s2: columns \"Longitude\"/\"Latitude\": lon/lat look swapped: (35.1, 36.75) is outside Syria, (36.75, 35.1) is in Hama governorate; kept as given" \
	"a swap without a governorate in the row is named too"
expect_stderr_has "swapped.csv:5: incident s3: columns \"Longitude\"/\"Latitude\": (2.35, 48.85) is outside Syria (so is the point with longitude and latitude swapped); kept as given" \
	"a point outside Syria either way is warned about"
expect_stderr_has "swapped.csv:6: incident s4: columns \"Longitude\"/\"Latitude\": (35.87, 35.89) is outside Syria; kept as given" \
	"a point just off the coast whose swap lies 3 km away is not called swapped (review)"
expect_stderr_has "swapped.csv:7: incident s5: columns \"Longitude\"/\"Latitude\": lon/lat look swapped: (35.1, 36.75) is outside Syria, (36.75, 35.1) is in Hama governorate (the row says Aleppo governorate); kept as given" \
	"a swap into another governorate than the row's says so"
expect_eq "$(grep -c 'swapped.csv:2:' "$T_ERR")" 0 "a point in Syria draws no warning"
expect_eq "$(grep -c 'outside Syria' "$T_ERR")" 5 "one warning per row (the geocoder's duplicate is dropped)"
expect_eq "$(sqlite3 "$SW" "SELECT count(*) FROM incidents")" 6 "all six rows are stored"
run query --db "$SW" --format json
expect_eq "$(jq -c '.[] | select(.id == "s1") | [.lon, .lat]' "$T_OUT")" "[35.929008,36.635276]" "the swapped row is kept as given, not swapped"
expect_eq "$(sqlite3 "$SW" "SELECT geocode_note FROM incidents WHERE id='s1'")" \
	"point 35.92901 36.63528 is outside Syria; lon/lat look swapped: (36.635276, 35.929008) is in Idleb governorate" \
	"the store's geocode_note says so too"
expect_eq "$(sqlite3 "$SW" "SELECT geocode_note IS NULL FROM incidents WHERE id='s0'")" 1 "the good row has no note"

# a GeoJSON geometry given latitude first: the field is "geometry"
cat >"$T_TMP/swapped.geojson" <<'EOF'
{"type": "FeatureCollection", "features": [
 {"type": "Feature", "geometry": {"type": "Point", "coordinates": [35.861105, 36.80611]},
  "properties": {"id": "g1", "date": "2018-01-20", "place": "Saraqeb", "governorate": "Idlib"}}
]}
EOF
run import --db "$SW" --gazetteer "$GAZ" --dry-run "$T_TMP/swapped.geojson"
expect_rc 0 "a swapped GeoJSON point is kept"
expect_stderr_has "swapped.geojson: feature 1: incident g1: geometry: lon/lat look swapped: (35.861105, 36.80611) is outside Syria, (36.80611, 35.861105) is in Idleb governorate (as the row says); kept as given" \
	"the GeoJSON swap names the feature and the geometry"
expect_eq "$(grep -c 'outside Syria' "$T_ERR")" 1 "warned once"

# without a gazetteer only Syria's bounding box can be tested: s1 passes it
run import --db "$T_TMP/nogaz.sqlite" --gazetteer "$NOGAZ" "$T_TMP/swapped.csv"
expect_rc 0 "without a gazetteer the rows are kept"
expect_stderr_has "incident s3: the point (2.350000, 48.850000) is outside Syria" "the bounding box still catches Paris"
expect_stderr_has "nor checked against the border" "the note says the border was not checked"

finish
