#!/bin/sh
# test_query.sh — `strikemap query` and `strikemap summary` end to end on the
# built-in January 2018 incidents (data/incidents-2018-01.csv) imported with
# the gazetteer: every filter and some combinations against counts worked
# out by hand from the CSV, the radius query against a brute-force geodesic
# computation (PROJ's `geod`, independent of SpatiaLite), values that look
# like SQL matching nothing and changing nothing, the output formats, and
# the summary by perpetrator and facility type against the report's
# incidents. Needs jq and geod (scripts/install-deps.sh installs them).
. "$(dirname "$0")/lib.sh"

SRC="${STRIKEMAP_SOURCE_DIR:?}"
DATA="$SRC/data/incidents-2018-01.csv"
DB="$T_TMP/s.sqlite"

# --- help and usage errors (no store needed) -------------------------------
run query --help
expect_rc 0 "query --help exits 0"
for opt in --db --gazetteer --from --to --governorate --zone --perpetrator --facility-type \
	--facility --near --radius --precision --in-sequence --repeated --unresolved --format \
	--limit; do
	expect_stdout_has "$opt" "query --help documents $opt"
done
run summary --help
expect_rc 0 "summary --help exits 0"
for opt in --by --format --from --to --governorate --perpetrator; do
	expect_stdout_has "$opt" "summary --help documents $opt"
done

run query --db "$T_TMP/none.sqlite"
expect_rc 5 "a missing store exits 5"
expect_stderr_has "none.sqlite" "the missing store is named"
[ ! -e "$T_TMP/none.sqlite" ] && ok "query does not create a store" || not_ok "query created a store"
run query --frobnicate
expect_rc 2 "unknown option exits 2"
expect_stderr_has "unknown option '--frobnicate'" "unknown option named"
run query --from 2018-13-01
expect_rc 2 "a bad date exits 2"
expect_stderr_has '--from: "2018-13-01" is not a date' "the bad date is named"
run query --from 2018-02-01 --to 2018-01-01
expect_rc 2 "a reversed date range exits 2"
run query --near 36.8,35.86
expect_rc 2 "--near without --radius exits 2"
expect_stderr_has "--near needs --radius" "says what is missing"
run query --near 36.8 --radius 3km
expect_rc 2 "--near without a latitude exits 2"
run query --near 36.8,35.86 --radius 3
expect_rc 2 "a radius without a unit exits 2"
expect_stderr_has '--radius: "3" is not a distance' "the radius error names the value"
run query --zone north
expect_rc 2 "an unknown zone exits 2"
run query --facility-type clinic
expect_rc 2 "an unknown facility type exits 2"
run query --precision 4
expect_rc 2 "--precision 4 exits 2"
run query --format xml
expect_rc 2 "an unknown format exits 2"
run summary --by weapon
expect_rc 2 "an unknown --by key exits 2"
expect_stderr_has '"weapon" is not one of' "the bad key is named"
run summary --format geojson
expect_rc 2 "summary has no geojson"

# --- the gazetteer and the built-in incidents ------------------------------
GAZ="${STRIKEMAP_GAZETTEER:-}"
if [ -z "$GAZ" ] || [ ! -s "$GAZ" ]; then
	GAZ="$T_TMP/gaz.sqlite"
	run gazetteer build -o "$GAZ"
	expect_rc 0 "the gazetteer is built from the reference data"
fi
export STRIKEMAP_GAZETTEER="$GAZ"
run import --db "$DB" --gazetteer "$GAZ" "$DATA"
expect_rc 0 "the built-in incidents are imported"
expect_stdout_has "28 incidents read" "all 28 rows are read"

# ids of a query (CSV, first column), space-separated, in output order
ids() { "$STRIKEMAP" query --db "$DB" --format csv "$@" 2>/dev/null | tail -n +2 | cut -d, -f1 | tr -d '\r' | tr '\n' ' ' | sed 's/ $//'; }
n() { "$STRIKEMAP" query --db "$DB" --format csv "$@" 2>/dev/null | tail -n +2 | wc -l | tr -d ' '; }
digest() { sqlite3 "$DB" "SELECT * FROM incidents ORDER BY id; SELECT name, sql FROM sqlite_master ORDER BY name;" | md5sum | cut -d' ' -f1; }

run query --db "$DB"
expect_rc 0 "query with no filter exits 0"
expect_stdout_has "28 incidents" "the table counts every incident"
expect_eq "$(n)" 28 "no filter: 28 incidents"
expect_eq "$(ids --limit 3)" "snhr-2018-01-027 snhr-2018-01-028 snhr-2018-01-001" "date order; month-precision rows at their month's start"
expect_eq "$(n --limit 5)" 5 "--limit 5"
run query --db "$DB" --limit 5
expect_stdout_has "5 of 28 matching incidents (limited)" "the table says when --limit cut it"
for fmt in csv json geojson; do
	run query --db "$DB" --limit 5 --format "$fmt"
	expect_stderr_has "5 of 28 matching incidents written (--limit 5)" "$fmt: stderr says when --limit cut the output"
done
run query --db "$DB" --limit 28 --format csv
if grep -qF "matching incidents written" "$T_ERR"; then not_ok "no note when --limit cut nothing"; else ok "no note when --limit cut nothing"; fi

# dates (the two Kafr Zita attacks dated only "January" overlap any January range)
expect_eq "$(ids --from 2018-01-20 --to 2018-01-24)" \
	"snhr-2018-01-027 snhr-2018-01-028 snhr-2018-01-017 snhr-2018-01-019 snhr-2018-01-018 snhr-2018-01-020 snhr-2018-01-021" \
	"--from/--to inclusive, month-precision rows included"
expect_eq "$(n --from 2018-02-01)" 0 "nothing after January"
expect_eq "$(ids --from 2018-01-06 --to 2018-01-06 --perpetrator regime)" "snhr-2018-01-004 snhr-2018-01-005" "the regime strikes of 6 January"

# governorates: P-code, English and Arabic names through the gazetteer
# the CSV names Idleb for 11 rows; the geocoder must place each in SY07
IDLEB="snhr-2018-01-003 snhr-2018-01-008 snhr-2018-01-007 snhr-2018-01-010 snhr-2018-01-012 snhr-2018-01-013 snhr-2018-01-014 snhr-2018-01-019 snhr-2018-01-020 snhr-2018-01-022 snhr-2018-01-025"
expect_eq "$(ids --governorate SY07)" "$IDLEB" "--governorate SY07"
expect_eq "$(ids --governorate Idlib)" "$IDLEB" "--governorate Idlib"
expect_eq "$(ids --governorate Idleb)" "$IDLEB" "--governorate Idleb"
expect_eq "$(ids --governorate إدلب)" "$IDLEB" "--governorate إدلب"
expect_eq "$(ids --gazetteer "$T_TMP/no-such-gazetteer.sqlite" --governorate Idlib)" "$IDLEB" "--governorate Idlib without a gazetteer (OCHA names and variants)"
expect_eq "$(n --governorate 'Damascus suburbs')" 8 "--governorate 'Damascus suburbs' is Rural Damascus"
expect_eq "$(ids --governorate Hama --facility-type hospital)" "snhr-2018-01-027 snhr-2018-01-028 snhr-2018-01-026" "every hospital attack in Hama"
run query --db "$DB" --governorate Douma
expect_rc 2 "a town is not a governorate"
expect_stderr_has "not a governorate" "and the error says so"
run query --db "$DB" --governorate SY15
expect_rc 2 "SY15 is not a governorate"

# de-escalation zones (set by import): the Eastern Ghouta towns, al Ghanto in
# northern Homs, every Idleb incident in the Idlib zone; Izaz and Jneidres
# (northern Aleppo) in none
RDAM=$(ids --governorate SY03)
expect_eq "$(ids --zone eastern_ghouta)" "$RDAM" "--zone eastern_ghouta: Douma, Misraba, Hamouriya, Madyara, Saqba"
expect_eq "$(ids --zone northern_homs)" "snhr-2018-01-023" "--zone northern_homs: al Ghanto"
expect_eq "$(ids --zone idlib --governorate Idlib)" "$IDLEB" "--zone idlib holds every Idleb incident"
expect_eq "$(n --zone south)" 0 "--zone south: none this month"
run summary --db "$DB" --by zone --format json
expect_eq "$(jq -r '[.groups[] | select(.zone == "none") | .count] | add' "$T_OUT")" \
	"$(sqlite3 "$DB" 'SELECT count(*) FROM incidents WHERE zone IS NULL AND geom IS NOT NULL')" \
	"summary by zone: located incidents outside every zone are \"none\""
expect_eq "$(sqlite3 "$DB" "SELECT count(*) FROM incidents WHERE id IN ('snhr-2018-01-016','snhr-2018-01-021') AND zone IS NULL")" 2 \
	"Izaz and Jneidres are outside the zones"

# perpetrators: vocabulary words and free text
expect_eq "$(n --perpetrator russia)" 11 "russia: 11 rows"
expect_eq "$(n --perpetrator regime)" 10 "regime: 10 rows"
expect_eq "$(ids --perpetrator regime_or_russia)" "snhr-2018-01-006" "regime_or_russia: Madyara"
expect_eq "$(n --perpetrator unknown)" 3 "unknown: 3 rows"
expect_eq "$(ids --perpetrator isis)" "snhr-2018-01-015" "isis: al Se'in"
expect_eq "$(ids --perpetrator sdf_ypg)" "snhr-2018-01-016" "sdf_ypg: Izaz"
expect_eq "$(ids --perpetrator turkey)" "snhr-2018-01-021" "turkey: Jneidres"
expect_eq "$(ids --perpetrator 'turkish ARMY')" "snhr-2018-01-021" "free text, case folded"
expect_eq "$(n --perpetrator 'Syrian/Russian')" 1 "free text with a slash"

# facility types and facilities
expect_eq "$(n --facility-type civil_defense)" 7 "civil_defense: 7 rows"
expect_eq "$(n --facility-type medical_point)" 4 "medical_point: 4 rows"
expect_eq "$(ids --facility-type red_crescent)" "snhr-2018-01-021" "red_crescent: 1 row"
expect_eq "$(ids --facility 'Oday Saraqeb Hospital')" "snhr-2018-01-020 snhr-2018-01-025" "--facility by name"
expect_eq "$(ids --facility 'saraqeb civil-defense')" "snhr-2018-01-013 snhr-2018-01-019" "--facility folds case and hyphens"
# an alias from the facility registry (gazetteer/facilities.csv): al Ihsan is Oday Saraqeb
run query --db "$DB" --facility "al Ihsan Hospital" --format csv
expect_eq "$(tail -n +2 "$T_OUT" | cut -d, -f1 | tr -d '\r' | tr '\n' ' ')" "snhr-2018-01-020 snhr-2018-01-025 " "--facility by registry alias (al Ihsan Hospital)"
expect_stderr_has "registry facility fac-saraqeb-ihsan" "the alias resolution is shown"
expect_eq "$(ids --facility 'Cave Hospital')" "snhr-2018-01-027 snhr-2018-01-028 snhr-2018-01-026" "--facility by registry alias (al Maghara, the cave hospital)"
expect_eq "$(ids --facility 'al Salam')" "snhr-2018-01-003 snhr-2018-01-008 snhr-2018-01-012" "--facility text inside names"

# precision and unresolved
# (every built-in place is a named town: all 28 are expected located; the
# unplaced case is checked on a small store further down)
LOCATED=$(sqlite3 "$DB" 'SELECT count(*) FROM incidents WHERE geom IS NOT NULL')
expect_eq "$LOCATED" 28 "every built-in incident is located"
expect_eq "$(n --unresolved)" "$((28 - LOCATED))" "--unresolved: the unplaced ones"
expect_eq "$(n --precision 1)" "$(sqlite3 "$DB" 'SELECT count(*) FROM incidents WHERE geom IS NOT NULL AND geo_precision = 1')" "--precision 1: only town/point precision"
expect_eq "$(n --precision 3)" "$LOCATED" "--precision 3: every located incident"

# combinations
expect_eq "$(ids --governorate Idlib --perpetrator russia --facility-type hospital)" \
	"snhr-2018-01-003 snhr-2018-01-007 snhr-2018-01-020 snhr-2018-01-025" "governorate + perpetrator + type"
expect_eq "$(ids --governorate Idlib --perpetrator russia --facility-type hospital --from 2018-01-21)" \
	"snhr-2018-01-020 snhr-2018-01-025" "... + --from"

# --- the radius query against brute force ----------------------------------
# every located incident with its point, then for several centres and radii
# the ids within the radius by geod (Karney's geodesics, WGS84), compared
# with the ids the query returns; points within 1 m of the circle are left
# out of the comparison.
"$STRIKEMAP" query --db "$DB" --precision 3 --format json |
	jq -r '.[] | "\(.id) \(.lon) \(.lat)"' >"$T_TMP/pts"
expect_eq "$(wc -l <"$T_TMP/pts" | tr -d ' ')" "$LOCATED" "every located incident is checked"
SARAQEB=$(awk '$1 == "snhr-2018-01-019" { print $2 "," $3 }' "$T_TMP/pts")
MISMATCH=0
CHECKED=0
for centre in "$SARAQEB" "36.3597,33.5281" "36.60,35.37"; do
	clon=${centre%,*}
	clat=${centre#*,}
	# one geod run per centre: "id distance" for every point
	awk -v clon="$clon" -v clat="$clat" '{ print clat, clon, $3, $2 }' "$T_TMP/pts" |
		geod -I +ellps=WGS84 -f %.3f | awk '{ print $3 }' | paste -d' ' "$T_TMP/pts" - >"$T_TMP/dist"
	for r in 500 3000 10000 40000 150000; do
		want=$(awk -v r="$r" '($4 - r) > 1 || (r - $4) > 1 { if ($4 <= r) print $1 }' "$T_TMP/dist" | sort | tr '\n' ' ')
		got=$(ids --near "$clon,$clat" --radius "${r}m" | tr ' ' '\n' | grep . | sort | tr '\n' ' ')
		CHECKED=$((CHECKED + 1))
		if [ "$want" != "$got" ]; then
			MISMATCH=$((MISMATCH + 1))
			echo "# radius $r m around $centre: geod says [$want], query says [$got]"
		fi
	done
done
expect_eq "$MISMATCH" 0 "radius queries agree with geod ($CHECKED centre/radius pairs)"
expect_eq "$(ids --near "$SARAQEB" --radius 3km)" \
	"snhr-2018-01-013 snhr-2018-01-019 snhr-2018-01-020 snhr-2018-01-025" "everything within 3 km of Saraqeb"
run query --db "$DB" --near "$SARAQEB" --radius 3km --format json
expect_eq "$(jq '(length == 4) and ([.[].distance_m] | max < 3000)' "$T_OUT")" true "JSON carries distance_m, all within 3 km"
run query --db "$DB" --near 35.86,36.80 --radius 3km
expect_stderr_has "the order is LON,LAT" "a swapped LAT,LON is pointed out"

# --- sequences and repeats --------------------------------------------------
run query --db "$DB" --in-sequence
expect_rc 5 "--in-sequence before the analysis exits 5"
expect_stderr_has "run \`strikemap sequences\` first" "and says what to run"
run query --db "$DB" --repeated
expect_rc 5 "--repeated before the analysis exits 5"
expect_stderr_has "run \`strikemap repeats\` first" "and says what to run"
"$STRIKEMAP" sequences --db "$DB" >/dev/null 2>&1
"$STRIKEMAP" repeats --db "$DB" --knox 0 >/dev/null 2>&1
expect_eq "$(ids --in-sequence)" "$(sqlite3 "$DB" "SELECT group_concat(id, ' ') FROM (SELECT i.id FROM incidents i WHERE i.id IN (SELECT incident_id FROM sequence_members) ORDER BY i.date, i.time IS NULL, i.time, i.id)")" "--in-sequence lists the sequence members"
expect_eq "$(ids --repeated --perpetrator russia --facility 'Oday Saraqeb')" "snhr-2018-01-020 snhr-2018-01-025" "the repeated strikes on Oday Saraqeb Hospital by Russian forces"
expect_eq "$(n --repeated)" "$(sqlite3 "$DB" 'SELECT count(DISTINCT incident_id) FROM repeat_members')" "--repeated lists each member once"

# --- the example SQL of docs/schema.md runs and gives the right answers -----
awk -v dir="$T_TMP" '/^```sql$/ { f = 1; n++; next } /^```$/ { f = 0 } f { print > (dir "/example" n ".sql") }' \
	"$SRC/docs/schema.md"
expect_eq "$(ls "$T_TMP"/example*.sql | wc -l | tr -d ' ')" 3 "docs/schema.md has three example queries"
sql() { sqlite3 -batch -cmd ".load mod_spatialite" "$DB" <"$T_TMP/example$1.sql" 2>&1; }
# 1: attacks by perpetrator and type, counted by hand from the CSV
expect_eq "$(sql 1 | tr '\n' ' ')" "regime|civil_defense|3 regime|hospital|2 regime|medical_point|2 regime|ambulance|1 regime_or_russia|medical_point|1 russia|hospital|6 russia|civil_defense|2 sdf_ypg|hospital|1 turkey|red_crescent|1 unknown|ambulance|1 unknown|civil_defense|1 unknown|medical_point|1 " \
	"example 1: the executive summary in SQL"
# 2: within 3 km of Saraqeb, the same four as strikemap query --near
expect_eq "$(sql 2 | cut -d'|' -f1 | tr '\n' ' ')" "snhr-2018-01-013 snhr-2018-01-019 snhr-2018-01-020 snhr-2018-01-025 " \
	"example 2: the radius query in SQL"
# 3: the repeated strikes involving Russian forces, strike by strike
expect_eq "$(sql 3 | cut -d'|' -f2,4,5,7 | sort | tr '\n' ';')" \
	"Martyr Hasan al A'raj Hospital|1|2018-01-01|Russian forces;Martyr Hasan al A'raj Hospital|2|2018-01-01|Russian forces;Martyr Hasan al A'raj Hospital|3|2018-01-30|Russian forces;Oday Saraqeb Hospital|1|2018-01-21|Russian forces;Oday Saraqeb Hospital|2|2018-01-29|Russian forces;Saraqeb civil defense center|1|2018-01-11|Syrian regime forces;Saraqeb civil defense center|2|2018-01-20|Russian forces;" \
	"example 3: repeated strikes by Russian forces in SQL"

# --- values that look like SQL: match nothing, change nothing --------------
before=$(digest)
for evil in "x' OR '1'='1" "'; DROP TABLE incidents; --" "x') OR 1=1 --"; do
	for opt in --perpetrator --facility --governorate --zone --facility-type --from --to --near --radius --precision --limit; do
		run query --db "$DB" "$opt" "$evil" --format csv
		rows=$(tail -n +2 "$T_OUT" | wc -l | tr -d ' ')
		if { [ "$T_RC" -eq 0 ] && [ "$rows" -eq 0 ]; } || [ "$T_RC" -eq 2 ]; then
			ok "query $opt \"$evil\": nothing matched (exit $T_RC)"
		else
			not_ok "query $opt \"$evil\" returned $rows rows (exit $T_RC)"
		fi
	done
	run summary --db "$DB" --perpetrator "$evil" --format json
	expect_eq "$(jq '.total.count' "$T_OUT")" 0 "summary --perpetrator \"$evil\" counts nothing"
done
expect_eq "$(digest)" "$before" "the store is unchanged by every one of them"
expect_eq "$(n)" 28 "and still holds 28 incidents"

# --- formats ------------------------------------------------------------------
run query --db "$DB" --format json
expect_rc 0 "json exits 0"
expect_eq "$(jq 'length' "$T_OUT")" 28 "json: a list of 28 incidents"
expect_eq "$(jq -r '.[] | select(.id == "snhr-2018-01-019") | .attrs.category' "$T_OUT")" facility_attack "json: attrs expanded as an object"
expect_eq "$(jq -r '.[] | select(.id == "snhr-2018-01-019") | .perpetrator_class' "$T_OUT")" russia "json: perpetrator_class"
expect_eq "$(jq -r '.[] | select(.id == "snhr-2018-01-019") | .perpetrator' "$T_OUT")" "Russian forces" "json: the perpetrator as written"
expect_eq "$(jq -r '[.[] | select(.killed != null) | .killed] | add' "$T_OUT")" 7 "json: killed as numbers (7 in all)"
run query --db "$DB" --format geojson
expect_eq "$(jq -r '.type' "$T_OUT")" FeatureCollection "geojson: a FeatureCollection"
expect_eq "$(jq '.features | length' "$T_OUT")" 28 "geojson: 28 features"
expect_eq "$(jq -r '.features[] | select(.id == "snhr-2018-01-019") | .geometry.coordinates[0] > 36 and .geometry.coordinates[1] > 35' "$T_OUT")" true "geojson: longitude first"
expect_eq "$(jq -r '.features[0].properties["attrs.category"]' "$T_OUT")" facility_attack "geojson: attrs as attrs.<key> properties"
run query --db "$DB" --format csv
expect_eq "$(head -1 "$T_OUT" | tr -d '\r' | grep -c ',lon,lat,')" 1 "csv: lon,lat columns"
expect_eq "$(head -1 "$T_OUT" | tr -d '\r' | grep -c 'attrs.category')" 1 "csv: attrs columns"
run query --db "$DB" --perpetrator isis
expect_stdout_has "snhr-2018-01-015" "table: the row"
expect_stdout_has "1 incident" "table: the count"

# Arabic in the table: each line the same display width (wc -L counts columns)
cat >"$T_TMP/ar.csv" <<'EOF'
id,date,place,facility_name,facility_type,perpetrator,lon,lat
ar1,2018-01-05,كفرزيتا,مَشْفَى المغارة,hospital,القوات الروسية,36.6018,35.3736
ar2,2018-01-06,Kafr Zita,al Maghara Hospital,hospital,Russian forces,36.6018,35.3736
ar3,2018-01-07,Xyzzyqwv,,ambulance,unidentified,,
EOF
"$STRIKEMAP" import --db "$T_TMP/ar.sqlite" --gazetteer "$GAZ" "$T_TMP/ar.csv" >/dev/null 2>&1
run query --db "$T_TMP/ar.sqlite"
expect_rc 0 "a table with Arabic exits 0"
expect_stdout_has "مَشْفَى المغارة" "the Arabic name is printed as stored"
widths=$(head -n 4 "$T_OUT" | LC_ALL=C sed 's/\xe2\x81[\xa8\xa9]//g' | while IFS= read -r line; do
	printf '%s\n' "$line" | LC_ALL=C.UTF-8 wc -L
done | sort -u | wc -l | tr -d ' ')
expect_eq "$widths" 1 "header, rule and rows with Arabic have one display width"
expect_eq "$("$STRIKEMAP" query --db "$T_TMP/ar.sqlite" --unresolved --format csv | tail -n +2 | cut -d, -f1)" ar3 "--unresolved: the place nobody could find"
run query --db "$T_TMP/ar.sqlite" --format json
expect_eq "$(jq -r '.[] | select(.id == "ar3") | .lon' "$T_OUT")" null "json: an unplaced incident has null lon"
run query --db "$T_TMP/ar.sqlite" --format geojson
expect_eq "$(jq -r '.features[] | select(.geometry == null) | .id' "$T_OUT")" ar3 "geojson: the unplaced one has a null geometry"
expect_eq "$(n --precision 1 --db "$T_TMP/ar.sqlite")" 2 "--precision leaves out the unplaced one"
run query --db "$T_TMP/ar.sqlite" --format json --perpetrator russia
expect_eq "$(jq -r '[.[].id] | join(" ")' "$T_OUT")" "ar1 ar2" "an Arabic perpetrator is classified (القوات الروسية -> russia)"

# --- summary on the report's incidents -------------------------------------
# Counted by hand from data/incidents-2018-01.csv (the incidents the report
# describes): facility attacks by perpetrator and type, personnel killed.
run summary --db "$DB" --by perpetrator,facility_type
expect_rc 0 "summary exits 0"
expect_stdout_has "28 incidents: 22 attacks on facilities, 8 personnel killed" "summary: totals"
expect_stdout_has "Syrian regime forces: 8 attacks, 4 personnel killed — 2 hospitals, 2 medical points, 1 ambulance, 3 civil defense facilities" "summary: regime line"
expect_stdout_has "Russian forces: 8 attacks, 3 personnel killed — 6 hospitals, 2 civil defense facilities" "summary: Russian line (the report's three killed)"
expect_stdout_has "Syrian/Russian forces (not determined): 1 attack, 0 personnel killed — 1 medical point" "summary: undetermined line"
expect_stdout_has "ISIS: 0 attacks, 1 personnel killed" "summary: ISIS killed one doctor"
expect_stdout_has "Self-Management forces (SDF/YPG): 1 attack, 0 personnel killed — 1 hospital" "summary: Self-Management line"
expect_stdout_has "Turkish forces: 1 attack, 0 personnel killed — 1 Red Crescent facility" "summary: Turkish line"
expect_stdout_has "Unidentified perpetrators: 3 attacks, 0 personnel killed — 1 medical point, 1 ambulance, 1 civil defense facility" "summary: unidentified line"
run summary --db "$DB" --by perpetrator,facility_type --format json
expect_eq "$(jq '.total.count' "$T_OUT")" 28 "json: total count"
expect_eq "$(jq '.total.attacks' "$T_OUT")" 22 "json: total attacks"
expect_eq "$(jq '.total.personnel_killed' "$T_OUT")" 8 "json: personnel killed"
expect_eq "$(jq '[.groups[] | select(.perpetrator == "russia") | .attacks] | add' "$T_OUT")" 8 "json: Russian attacks"
expect_eq "$(jq -r '.groups[] | select(.perpetrator == "russia" and .facility_type == "hospital") | "\(.count) \(.attacks) \(.personnel_killed)"' "$T_OUT")" "7 6 1" "json: Russian hospital group"
run summary --db "$DB" --by perpetrator --format csv
expect_eq "$(head -1 "$T_OUT" | tr -d '\r')" "perpetrator,perpetrator_label,count,attacks,killed,personnel_killed,killed_not_stated" "csv: header"
expect_stdout_has "russia,Russian forces,11,8,1,3" "csv: the Russian row"
run summary --db "$DB" --by governorate,month --from 2018-01-01 --to 2018-01-31
expect_stdout_has "Idleb: 9 attacks, 3 personnel killed — January 2018 9" "summary by governorate and month (Idleb: 11 rows, 2 killings away from facilities)"
run summary --db "$DB" --by perpetrator --governorate Hama
expect_stdout_has "Russian forces: 4 attacks, 0 personnel killed" "summary takes the query filters (Hama)"
expect_stdout_has "ISIS: 0 attacks, 1 personnel killed" "ISIS in Hama"

finish
