#!/bin/sh
# test_import.sh — `strikemap import` end to end: help and usage errors, a
# good file stored, a bad file refused whole (file:line: column message,
# exit 3, the store unchanged byte for byte), re-import updates, dry run,
# GeoJSON, PostGIS sources, and unresolved places kept with their reason.
. "$(dirname "$0")/lib.sh"

DB="$T_TMP/s.sqlite"
NOGAZ="$T_TMP/no-gazetteer.sqlite" # absent on purpose: rows below give lon/lat

# A digest of everything the store holds about incidents and imports.
store_digest() {
	sqlite3 "$1" "SELECT * FROM incidents ORDER BY id; SELECT * FROM import_log ORDER BY id;" |
		md5sum | cut -d' ' -f1
}
q() { sqlite3 "$DB" "$1"; }

# --- help and usage -------------------------------------------------------
run import --help
expect_rc 0 "import --help exits 0"
expect_stdout_has "Usage: strikemap import" "import --help prints usage"
for opt in --db --gazetteer --dry-run --table --help; do
	expect_stdout_has "$opt" "import --help documents $opt"
done
run import
expect_rc 2 "import without a file is a usage error"
expect_stderr_has "no input file" "the usage error says what is missing"
run import --frobnicate x.csv
expect_rc 2 "unknown option exits 2"
expect_stderr_has "unknown option '--frobnicate'" "unknown option named"
run import --db
expect_rc 2 "--db without a value exits 2"
run import --db "$DB" --gazetteer "$NOGAZ" "$T_TMP/missing.csv"
expect_rc 5 "a missing input file exits 5"
expect_stderr_has "missing.csv: cannot open" "the missing file is named"
[ ! -e "$DB" ] && ok "no store is created when the input is missing" || not_ok "store created for a missing input"

# --- a good file ----------------------------------------------------------
cat >"$T_TMP/good.csv" <<'EOF'
id,date,time,place,governorate,facility_name,Facility Type,perpetrator,killed,injured,lon,lat,witness
a1,2018-01-20,20:45,"Saraqeb city, eastern suburbs of Idlib governorate",Idleb,Saraqeb civil defense center,Civil Defence,Russian forces,0,,36.80611,35.861105,two
a2,2018-01-29,,"al Sharqi neighborhood, Saraqeb city",Idleb,Oday Saraqeb Hospital,hospital,Russian forces,,,36.8065,35.8615,
a3,2018-01-30,,"Kafr Zita city, northern suburbs of Hama governorate",Hama,Martyr Hasan al A'raj Hospital,hospital,Russian forces,,,36.601833,35.373577,
EOF
run import --db "$DB" --gazetteer "$NOGAZ" "$T_TMP/good.csv"
expect_rc 0 "a good file is imported"
expect_stdout_has "3 incidents read from 1 file" "summary counts the rows read"
expect_stdout_has "3 new, 0 updated" "summary counts new rows"
expect_stdout_has "given as lon/lat in the input: 3" "summary counts input points"
expect_stdout_has "unresolved: 0" "summary counts unresolved rows"
expect_eq "$(q 'SELECT count(*) FROM incidents')" 3 "three incidents stored"
expect_eq "$(q 'SELECT count(*) FROM incidents WHERE geom IS NOT NULL')" 3 "all three have a point"
expect_eq "$(q "SELECT facility_type FROM incidents WHERE id='a1'")" civil_defense "facility type normalised"
expect_eq "$(q "SELECT geocode_status FROM incidents WHERE id='a1'")" input "input points are marked as such"
expect_eq "$(q "SELECT json_extract(attrs,'\$.witness') FROM incidents WHERE id='a1'")" two "unknown column kept in attrs"
expect_eq "$(q "SELECT killed IS NULL FROM incidents WHERE id='a2'")" 1 "an empty count is stored as NULL (not stated)"
expect_eq "$(q 'SELECT count(*) FROM import_log')" 1 "the import is logged"

# --- a bad file is refused whole -------------------------------------------
before=$(store_digest "$DB")
cat >"$T_TMP/bad.csv" <<'EOF'
id,date,place,facility_type,lon,lat
b1,2018-01-05,"Douma city",hospital,36.4013,33.5697
b2,2018-01-06,"Hamouriya town",hospital,36.3857,33.5280
b3,2018-13-06,"Saqba city",hospital,36.3841,33.5181
EOF
run import --db "$DB" --gazetteer "$NOGAZ" "$T_TMP/bad.csv"
expect_rc 3 "a file with a bad row exits 3"
expect_stderr_has 'bad.csv:4: column "date": "2018-13-06" is not a date' "the error names file, line, column and value"
expect_stderr_has "nothing was stored" "the user is told nothing was stored"
expect_stdout_empty "no summary for a refused import"
expect_eq "$(store_digest "$DB")" "$before" "the store is unchanged after a refused file"

# a good file alongside a bad one is not stored either
cat >"$T_TMP/good2.csv" <<'EOF'
id,date,place,lon,lat
c1,2018-01-07,Idlib city,36.635276,35.929008
EOF
run import --db "$DB" --gazetteer "$NOGAZ" "$T_TMP/good2.csv" "$T_TMP/bad.csv"
expect_rc 3 "one bad file refuses the whole import"
expect_eq "$(store_digest "$DB")" "$before" "the good file beside it was not stored"

printf 'id,date,killed,lon,lat\nk1,2018-01-02,-1,36.4,33.5\n' >"$T_TMP/neg.csv"
run import --db "$DB" --gazetteer "$NOGAZ" "$T_TMP/neg.csv"
expect_rc 3 "a negative count is refused"
expect_stderr_has 'neg.csv:2: column "killed": "-1" is not a non-negative whole number' "count message"

printf 'id,date,lon,lat\nd1,2018-01-02,36.4,33.5\nd1,2018-01-03,36.4,33.5\n' >"$T_TMP/dup.csv"
run import --db "$DB" --gazetteer "$NOGAZ" "$T_TMP/dup.csv"
expect_rc 3 "a repeated id is refused"
expect_stderr_has 'dup.csv:3: column "id": "d1" is repeated (first on line 2)' "repeated id message"

printf 'id,date,facility_type,lon,lat\nf1,2018-01-02,school,36.4,33.5\n' >"$T_TMP/ft.csv"
run import --db "$DB" --gazetteer "$NOGAZ" "$T_TMP/ft.csv"
expect_rc 3 "an unknown facility type is refused"
expect_stderr_has 'ft.csv:2: column "facility_type": "school" is not a facility type' "facility type message"

printf 'id,date,lon\nl1,2018-01-02,36.4\n' >"$T_TMP/lon.csv"
run import --db "$DB" --gazetteer "$NOGAZ" "$T_TMP/lon.csv"
expect_rc 3 "lon without lat is refused"
expect_stderr_has 'lon.csv:2: columns "lon" and "lat": give both' "coordinate pair message"

printf 'id,date,lon,lat\nx1,2018-01-02,36.4,33.5\n' >"$T_TMP/x1.csv"
printf 'id,date,lon,lat\nx1,2018-01-03,36.5,33.6\n' >"$T_TMP/x2.csv"
run import --db "$DB" --gazetteer "$NOGAZ" "$T_TMP/x1.csv" "$T_TMP/x2.csv"
expect_rc 3 "the same id in two files of one import is refused"
expect_stderr_has 'x2.csv:2: column "id": "x1" is also given by' "cross-file id message"
expect_eq "$(store_digest "$DB")" "$before" "the store is still unchanged"

# --- re-import updates ---------------------------------------------------
sed 's/^a1,2018-01-20,20:45\(.*\),0,,36.80611/a1,2018-01-20,20:45\1,2,,36.80611/' "$T_TMP/good.csv" >"$T_TMP/good-fixed.csv"
run import --db "$DB" --gazetteer "$NOGAZ" "$T_TMP/good-fixed.csv"
expect_rc 0 "re-import succeeds"
expect_stdout_has "0 new, 3 updated" "re-import reports updates"
expect_eq "$(q 'SELECT count(*) FROM incidents')" 3 "re-import does not duplicate"
expect_eq "$(q "SELECT killed FROM incidents WHERE id='a1'")" 2 "the corrected value is stored"
printf 'id,date,lon,lat\na2,2018-01-29,36.8066,35.8616\na4,2018-01-31,36.60,35.37\n' >"$T_TMP/mixed.csv"
run import --db "$DB" --gazetteer "$NOGAZ" "$T_TMP/mixed.csv"
expect_stdout_has "1 new, 1 updated" "new and updated counted apart"
expect_eq "$(q 'SELECT count(*) FROM incidents')" 4 "one row added"

# --- warnings, dry run, GeoJSON, stdin -------------------------------------
printf 'id,date,lon,lat\np1,2018-01-02,2.35,48.85\n' >"$T_TMP/paris.csv"
run import --db "$T_TMP/p.sqlite" --gazetteer "$NOGAZ" "$T_TMP/paris.csv"
expect_rc 0 "a point outside Syria is accepted"
expect_stderr_has "warning: $T_TMP/paris.csv:2: incident p1: the point (2.350000, 48.850000) is outside Syria" "with a warning"

run import --dry-run --db "$T_TMP/dry.sqlite" --gazetteer "$NOGAZ" "$T_TMP/good.csv"
expect_rc 0 "dry run succeeds"
expect_stdout_has "dry run: nothing written" "dry run says so"
[ ! -e "$T_TMP/dry.sqlite" ] && ok "dry run creates no store" || not_ok "dry run created a store"

cat >"$T_TMP/in.geojson" <<'EOF'
{"type":"FeatureCollection","features":[
 {"type":"Feature","id":"g1","geometry":{"type":"Point","coordinates":[36.7696,36.2136]},
  "properties":{"date":"2018-01-08","place":"al Dana city","facility_type":"civil defense","source_ref":"x"}},
 {"type":"Feature","geometry":{"type":"Point","coordinates":[36.6727,36.0139]},
  "properties":{"id":"g2","date":"2018-01-26","place":"Ma'aret Misreen town","facility_type":"ambulance"}}
]}
EOF
run import --db "$T_TMP/g.sqlite" --gazetteer "$NOGAZ" "$T_TMP/in.geojson"
expect_rc 0 "GeoJSON is imported"
expect_stdout_has "2 new, 0 updated" "both features stored"
expect_eq "$(sqlite3 "$T_TMP/g.sqlite" "SELECT json_extract(attrs,'\$.source_ref') FROM incidents WHERE id='g1'")" x "GeoJSON extra property kept"

T_IN="$T_TMP/good.csv"
run import --db "$T_TMP/stdin.sqlite" --gazetteer "$NOGAZ" -
T_IN=
expect_rc 0 "CSV on stdin is imported"
expect_stdout_has "3 new" "stdin rows stored"

# --- PostGIS sources ----------------------------------------------------
before=$(store_digest "$DB")
run import --db "$DB" --gazetteer "$NOGAZ" "PG:dbname=strikemap_no_such_db host=/nonexistent"
if [ "$T_RC" -ne 0 ]; then ok "an unreachable PostGIS source fails"; else not_ok "PG source did not fail"; fi
expect_stderr_has "the PostGIS source could not be read; nothing was stored" "the PostGIS failure is reported (without echoing the conninfo)"
expect_eq "$(store_digest "$DB")" "$before" "the store is unchanged after a failed PostGIS read"
run import --db "$DB" --gazetteer "$NOGAZ" "PG:dbname=strikemap_no_such_db password=hunter2 host=/nonexistent"
if grep -q hunter2 "$T_ERR" "$T_OUT"; then not_ok "a PostGIS password is echoed"; else ok "a PostGIS password is never echoed"; fi

# --- unresolved places are kept with the reason (needs the geocoder) ------
GAZ="${STRIKEMAP_GAZETTEER:-}"
if [ -z "$GAZ" ] || [ ! -s "$GAZ" ]; then
	GAZ="$T_TMP/gaz.sqlite"
	run gazetteer build --sources "$T_TMP/no-reference-data" -o "$GAZ"
	expect_rc 0 "a (reduced) gazetteer is built for the geocoding checks"
fi
cat >"$T_TMP/places.csv" <<'EOF'
id,date,place,governorate,facility_type
u1,2018-01-20,"Saraqeb city, eastern suburbs of Idlib governorate",Idleb,civil_defense
u2,2018-01-21,Xyzzyqwv,,hospital
u3,2018-01-22,,,hospital
EOF
run import --db "$T_TMP/nogaz.sqlite" --gazetteer "$NOGAZ" "$T_TMP/places.csv"
expect_rc 5 "places to geocode without a gazetteer: exit 5"
expect_stderr_has "strikemap gazetteer build" "the user is told how to build one"
[ ! -e "$T_TMP/nogaz.sqlite" ] && ok "no store is created without a gazetteer" || not_ok "store created without a gazetteer"
run import --db "$T_TMP/u.sqlite" --gazetteer "$GAZ" "$T_TMP/places.csv"
expect_rc 0 "a file with unresolvable places is still imported"
expect_stdout_has "3 new, 0 updated" "every row is stored"
expect_stdout_has "unresolved: 2" "two rows are unresolved"
expect_stdout_has 'u2: "Xyzzyqwv": ' "the unresolved id and place are listed"
expect_stdout_has 'u3: "": no place given' "a row without a place says so"
U="$T_TMP/u.sqlite"
expect_eq "$(sqlite3 "$U" "SELECT geom IS NULL, geocode_status FROM incidents WHERE id='u2'")" "1|unresolved" "unresolved row stored without a point"
expect_eq "$(sqlite3 "$U" "SELECT length(geocode_note) > 0 FROM incidents WHERE id='u2'")" 1 "with the reason"
expect_eq "$(sqlite3 "$U" "SELECT geom IS NOT NULL, geocode_status, admin1_pcode FROM incidents WHERE id='u1'")" "1|resolved|SY07" "Saraqeb resolved in Idleb"
expect_eq "$(sqlite3 "$U" "SELECT zone FROM incidents WHERE id='u1'")" "idlib" "the de-escalation zone is set at import"
expect_stdout_has "in a de-escalation zone (approximate, Astana 2017): 1 of the 3 incidents" "the summary counts incidents in a zone"
run import --db "$T_TMP/p2.sqlite" --gazetteer "$GAZ" "$T_TMP/paris.csv"
expect_rc 0 "a point outside Syria is accepted with a gazetteer too"
expect_eq "$(grep -c 'outside Syria' "$T_ERR")" 1 "and warned about once"

# the reader's other warnings (a future date, an absurd count) are not lost
# when a gazetteer is there (only its coarse outside-Syria test gives way)
printf 'id,date,place,killed,lon,lat\nf1,2099-01-05,Idlib,5000,36.63,35.93\n' >"$T_TMP/future.csv"
run import --db "$T_TMP/p3.sqlite" --gazetteer "$GAZ" "$T_TMP/future.csv"
expect_rc 0 "a future date and a big count are accepted with a gazetteer"
expect_stderr_has 'future.csv:2: incident f1: column "date": 2099-01-05 is in the future' "the future date is warned about"
expect_stderr_has 'column "killed": 5000 is more than 1000 people' "the big count is warned about"

finish
