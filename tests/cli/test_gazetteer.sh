#!/bin/sh
# test_gazetteer.sh — `strikemap gazetteer build`: help, usage errors, the
# reduced build, refused builds (exit codes, messages, output left alone).
. "$(dirname "$0")/lib.sh"

run gazetteer --help
expect_rc 0 "gazetteer --help exits 0"
expect_stdout_has "Usage: strikemap gazetteer build" "help shows the usage"
for opt in --sources --output --curated --facilities; do
	expect_stdout_has "$opt" "help documents $opt"
done

run gazetteer build --help
expect_rc 0 "gazetteer build --help exits 0"
expect_stdout_has "--sources DIR" "build --help documents --sources"

run gazetteer
expect_rc 2 "no subcommand is a usage error"
expect_stderr_has "missing subcommand" "says the subcommand is missing"

run gazetteer rebuild
expect_rc 2 "unknown subcommand exits 2"
expect_stderr_has "unknown subcommand 'rebuild'" "names the unknown subcommand"

run gazetteer build --frob
expect_rc 2 "unknown option exits 2"
expect_stderr_has "unexpected argument '--frob'" "names the unknown option"

run gazetteer build -o
expect_rc 2 "-o without a value exits 2"
expect_stderr_has "-o needs a value" "says -o needs a value"

# output folder missing: exit 1, the folder named, nothing written
run gazetteer build --sources "$T_TMP/none" -o "$T_TMP/missing/g.sqlite"
expect_rc 1 "missing output folder exits 1"
expect_stderr_has "folder $T_TMP/missing does not exist" "names the missing folder"

# no reference data: a reduced gazetteer from the curated list, said so
run gazetteer build --sources "$T_TMP/none" -o "$T_TMP/reduced.sqlite"
expect_rc 0 "reduced build exits 0"
expect_stderr_has "reference data not found at $T_TMP/none: built a reduced gazetteer from the curated list (" \
	"says the gazetteer is reduced"
expect_stderr_has "curated_governorates" "prints the counts"
if [ -s "$T_TMP/reduced.sqlite" ]; then ok "reduced gazetteer written"; else not_ok "reduced gazetteer written"; fi
if command -v sqlite3 >/dev/null 2>&1; then
	expect_eq "$(sqlite3 "$T_TMP/reduced.sqlite" "SELECT value FROM meta WHERE key='reduced'")" 1 \
		"meta says reduced=1"
	expect_eq "$(sqlite3 "$T_TMP/reduced.sqlite" "SELECT count(*) FROM places WHERE kind='governorate'")" 14 \
		"14 governorates"
fi

run --quiet gazetteer build --sources "$T_TMP/none" -o "$T_TMP/quiet.sqlite"
expect_rc 0 "quiet reduced build exits 0"
expect_stderr_empty "--quiet keeps stderr empty"

# an unreadable (malformed) source: exit 3, the file named, old output kept
mkdir -p "$T_TMP/bad/ocha"
printf '{"type": "FeatureCollection", "features": [ {oops' >"$T_TMP/bad/ocha/syr_admin1.geojson"
printf 'old gazetteer' >"$T_TMP/old.sqlite"
run gazetteer build --sources "$T_TMP/bad" -o "$T_TMP/old.sqlite"
expect_rc 3 "malformed source exits 3"
expect_stderr_has "$T_TMP/bad/ocha/syr_admin1.geojson" "names the malformed file"
expect_eq "$(cat "$T_TMP/old.sqlite")" "old gazetteer" "the old gazetteer is left as it was"
expect_eq "$(ls "$T_TMP" | grep -c tmp-)" 0 "no temporary file left behind"

# a source folder missing a file: exit 5, the file named
mkdir -p "$T_TMP/part/ocha"
if [ -f "$STRIKEMAP_SHARED/data/ocha/syr_admin1.geojson" ]; then
	ln -s "$STRIKEMAP_SHARED/data/ocha/syr_admin1.geojson" "$T_TMP/part/ocha/syr_admin1.geojson"
	run gazetteer build --sources "$T_TMP/part" -o "$T_TMP/part.sqlite"
	expect_rc 5 "missing source file exits 5"
	expect_stderr_has "syr_admin3.geojson" "names the missing file"
fi

# a malformed curated list: exit 3 with file, line and column
cat >"$T_TMP/cur.csv" <<'EOF'
pcode,kind,name_en,name_ar,admin1_pcode,admin2_pcode,admin3_pcode,lon,lat,aliases,source
C2338,community,Douma,,SY03,SY0302,SY030200,east,33.57,,test
EOF
run gazetteer build --sources "$T_TMP/none" --curated "$T_TMP/cur.csv" -o "$T_TMP/c.sqlite"
expect_rc 3 "malformed curated list exits 3"
expect_stderr_has "cur.csv:2: columns \"lon\",\"lat\": \"east\"" "names line and column"

# the facility registry: the seed always, a user CSV on top (a seed id is
# replaced, a new id added); `export --layer facilities` reads it
cat >"$T_TMP/fac.csv" <<'EOF'
id,name,type,town_pcode,lon,lat,aliases,note
fac-test-new,Test Field Hospital,hospital,C3916,36.8,35.86,Field Hospital|Test Hospital,test row
fac-saraqeb-ihsan,Oday Saraqeb Hospital (user),hospital,C3916,,,al Ihsan Hospital,user row replaces the seed
EOF
seed_n=$(grep -c '^fac-' "$STRIKEMAP_SOURCE_DIR/gazetteer/facilities.csv")
run gazetteer build --sources "$T_TMP/none" --facilities "$T_TMP/fac.csv" -o "$T_TMP/fac.sqlite"
expect_rc 0 "build with --facilities exits 0"
expect_stderr_has "facilities" "prints the facility count"
if command -v sqlite3 >/dev/null 2>&1; then
	expect_eq "$(sqlite3 "$T_TMP/fac.sqlite" "SELECT count(*) FROM facilities")" "$((seed_n + 1))" \
		"the seed plus the one new user facility"
	expect_eq "$(sqlite3 "$T_TMP/fac.sqlite" "SELECT name FROM facilities WHERE id='fac-saraqeb-ihsan'")" \
		"Oday Saraqeb Hospital (user)" "a user row replaces the seed row of that id"
	expect_eq "$(sqlite3 "$T_TMP/fac.sqlite" "SELECT aliases FROM facilities WHERE id='fac-test-new'")" \
		"Field Hospital|Test Hospital" "aliases kept"
	expect_eq "$(sqlite3 "$T_TMP/reduced.sqlite" "SELECT count(*) FROM facilities")" "$seed_n" \
		"a build without --facilities holds the seed"
fi
# (export needs a store; the store has no facilities table of its own)
run import --db "$T_TMP/store.sqlite" --gazetteer "$T_TMP/fac.sqlite" \
	"$STRIKEMAP_SOURCE_DIR/data/incidents-2018-01.csv"
expect_rc 0 "the built-in incidents import against that gazetteer"
run export --db "$T_TMP/store.sqlite" --gazetteer "$T_TMP/fac.sqlite" --layer facilities -o "$T_TMP/fac.geojson"
expect_rc 0 "export --layer facilities from the gazetteer exits 0"
if grep -qF "Test Field Hospital" "$T_TMP/fac.geojson" 2>/dev/null; then ok "the exported layer holds the user facility"; else not_ok "the exported layer holds the user facility"; fi
if grep -qF "Maghara Hospital" "$T_TMP/fac.geojson" 2>/dev/null; then ok "and the seed"; else not_ok "and the seed"; fi
if command -v jq >/dev/null 2>&1; then
	# a facility with its own point keeps it; one known only by its town is
	# drawn at the town and says so, never passed off as the building
	expect_eq "$(jq -r '.features[] | select(.properties.id=="fac-test-new") | "\(.properties.location_precision) \(.geometry.coordinates[0])"' "$T_TMP/fac.geojson")" \
		"point 36.8" "a facility's own point is kept (precision point)"
	expect_eq "$(jq -r '.features[] | select(.properties.id=="fac-saraqeb-ihsan") | "\(.properties.location_precision) \(.properties.town != null) \(.geometry != null)"' "$T_TMP/fac.geojson")" \
		"community true true" "a facility known by its town is placed at the town, precision community"
	expect_eq "$(jq '[.features[] | select(.geometry == null)] | length' "$T_TMP/fac.geojson")" "0" \
		"every registry facility has a location"
fi

# a malformed facility CSV: exit 3, file/line/column named, old output kept
cat >"$T_TMP/badfac.csv" <<'EOF'
id,name,type,town_pcode,lon,lat,aliases,note
fac-x,X Clinic,clinic,C3916,,,,
EOF
run gazetteer build --sources "$T_TMP/none" --facilities "$T_TMP/badfac.csv" -o "$T_TMP/old.sqlite"
expect_rc 3 "malformed facility CSV exits 3"
expect_stderr_has "badfac.csv:2: column \"type\"" "names the file, line and column"
expect_eq "$(cat "$T_TMP/old.sqlite")" "old gazetteer" "the old gazetteer is left as it was"
run gazetteer build --sources "$T_TMP/none" --facilities "$T_TMP/nofile.csv" -o "$T_TMP/old.sqlite"
expect_rc 1 "a missing facility CSV exits 1"
expect_stderr_has "nofile.csv" "names the missing file"
expect_eq "$(cat "$T_TMP/old.sqlite")" "old gazetteer" "the old gazetteer is still left as it was"
run gazetteer build --facilities
expect_rc 2 "--facilities without a value exits 2"

finish
