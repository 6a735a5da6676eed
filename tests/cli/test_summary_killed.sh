#!/bin/sh
# test_summary_killed.sh — `strikemap summary` never turns "no number
# given" into 0 killed: a group where no incident states a killed count
# reads "killed not stated" (empty in CSV, null in JSON); a group where
# only some do reads "at least N killed (M incidents without a figure)".
# Checked on the built-in January 2018 incidents (counted by hand from
# data/incidents-2018-01.csv) and on a small crafted file.
. "$(dirname "$0")/lib.sh"

SRC="${STRIKEMAP_SOURCE_DIR:?}"
DB="$T_TMP/s.sqlite"
GAZ="${STRIKEMAP_GAZETTEER:-}"
if [ -z "$GAZ" ] || [ ! -s "$GAZ" ]; then
	GAZ="$T_TMP/gaz.sqlite"
	run gazetteer build -o "$GAZ"
	expect_rc 0 "the gazetteer is built from the reference data"
fi

# --- the built-in incidents --------------------------------------------------
run import --db "$DB" --gazetteer "$GAZ" "$SRC/data/incidents-2018-01.csv"
expect_rc 0 "the built-in incidents are imported"
# killed is stated on 7 of the 28 rows (001 002 012 015 016 017 018), 1 each
run summary --db "$DB" --by perpetrator
expect_rc 0 "summary exits 0"
expect_stdout_has "28 incidents: 22 attacks on facilities, 8 personnel killed, at least 7 people killed in all (21 incidents without a figure); by perpetrator" \
	"the total says 'at least' and how many incidents give no figure"
run summary --db "$DB" --by perpetrator --format csv
expect_eq "$(head -1 "$T_OUT" | tr -d '\r')" "perpetrator,perpetrator_label,count,attacks,killed,personnel_killed,killed_not_stated" "csv: header"
expect_stdout_has "regime,Syrian regime forces,10,8,4,4,6" "csv: regime, 4 killed stated on 4 of 10 rows"
expect_stdout_has "russia,Russian forces,11,8,1,3,10" "csv: Russian forces, 1 killed stated on 1 of 11 rows"
expect_stdout_has "regime_or_russia,Syrian/Russian forces (not determined),1,1,,0,1" "csv: no figure is an empty cell, not 0"
expect_stdout_has "turkey,Turkish forces,1,1,,0,1" "csv: Turkish forces, killed not stated"
expect_stdout_has "unknown,Unidentified perpetrators,3,3,,0,3" "csv: unidentified, killed not stated"
expect_stdout_has "isis,ISIS,1,0,1,1,0" "csv: a group whose every row states a number"
expect_stdout_lacks ",0,0,1" "csv: no group of unstated rows reads 0 killed"
run summary --db "$DB" --by perpetrator --format json
expect_eq "$(jq -c '.total | [.killed, .killed_not_stated]' "$T_OUT")" "[7,21]" "json: total killed and rows without a figure"
expect_eq "$(jq -c '[.groups[] | select(.killed == null) | .perpetrator]' "$T_OUT")" '["regime_or_russia","turkey","unknown"]' \
	"json: killed is null exactly where no row states it"
expect_eq "$(jq -c '.groups[] | select(.perpetrator == "russia") | [.killed, .killed_not_stated]' "$T_OUT")" "[1,10]" \
	"json: Russian forces, a lower bound with its missing rows"

# --- a crafted file without a personnel_killed column ------------------------
cat >"$T_TMP/k.csv" <<'EOF'
id,date,place,facility_type,perpetrator,killed,lon,lat
k1,2018-01-02,Douma,hospital,Russian forces,5,36.4013,33.5697
k2,2018-01-03,Douma,hospital,Russian forces,,36.4013,33.5697
k3,2018-01-04,Douma,ambulance,Russian forces,,36.4013,33.5697
k4,2018-01-05,Saqba,hospital,Syrian regime forces,,36.3841,33.5181
k5,2018-01-06,Saqba,civil_defense,Syrian regime forces,,36.3841,33.5181
k6,2018-01-07,Saqba,hospital,ISIS,0,36.3841,33.5181
k7,2018-01-08,Saqba,hospital,ISIS,2,36.3841,33.5181
EOF
K="$T_TMP/k.sqlite"
run import --db "$K" --gazetteer "$GAZ" "$T_TMP/k.csv"
expect_rc 0 "the crafted file is imported"
run summary --db "$K" --by perpetrator
expect_stdout_has "7 incidents: 7 attacks on facilities, at least 7 people killed in all (4 incidents without a figure); by perpetrator" \
	"crafted: the total is a lower bound"
expect_stdout_has "Syrian regime forces: 2 attacks, killed not stated" "crafted: no figure reads 'killed not stated'"
expect_stdout_has "Russian forces: 3 attacks, at least 5 killed (2 incidents without a figure)" "crafted: some figures read 'at least'"
expect_stdout_has "ISIS: 2 attacks, 2 killed" "crafted: every row stated: the plain sum (a stated 0 counts)"
expect_stdout_lacks "0 killed" "crafted: nothing reads 0 killed"
run summary --db "$K" --by perpetrator,facility_type
expect_stdout_has "Syrian regime forces: 2 attacks, killed not stated — 1 hospital, 1 civil defense facility" \
	"crafted: a heading over unstated groups says so"
expect_stdout_has "Russian forces: 3 attacks, at least 5 killed (2 incidents without a figure) — 2 hospitals, 1 ambulance" \
	"crafted: a heading adds the stated figures and the rows without"
run summary --db "$K" --by perpetrator --format csv
expect_stdout_has "regime,Syrian regime forces,2,2,,,2" "crafted csv: empty killed, empty personnel_killed, 2 without a figure"
expect_stdout_has "russia,Russian forces,3,3,5,,2" "crafted csv: Russian forces"
run summary --db "$K" --perpetrator regime --format json
expect_eq "$(jq -c '.total | [.killed, .killed_not_stated]' "$T_OUT")" "[null,2]" "crafted json: killed null when nobody states it"
run summary --db "$K" --perpetrator regime
expect_stdout_has "2 incidents: 2 attacks on facilities, killed not stated" "crafted: the total alone says killed not stated"

finish
