#!/bin/sh
# test_extract.sh — `strikemap extract` on the January 2018 report (read from
# ../shared, never copied) and on small hand-written reports.
. "$(dirname "$0")/lib.sh"

REPORT="${STRIKEMAP_SHARED}/reports/snhr-2018-01-medical-personnel-and-facilities.txt"

run extract --help
expect_rc 0 "--help exits 0"
expect_stdout_has "Usage: strikemap extract" "help shows usage"

run extract
expect_rc 2 "no report is a usage error"
run extract "$T_TMP/missing.txt"
expect_rc 5 "a missing report exits 5 (not found, as import does)"
expect_stderr_has "missing.txt: cannot open" "the error names the file"

if [ -f "$REPORT" ]; then
	run extract -o "$T_TMP/x.csv" "$REPORT"
	expect_rc 0 "extract the January 2018 report"
	X="$T_TMP/x.csv"
	rows=$(($(wc -l <"$X") - 1))
	[ "$rows" -ge 25 ] && ok "at least 25 incidents extracted ($rows)" || not_ok "only $rows incidents"
	# every row has a date and a source line in the report
	bad=$(awk -F, 'NR>1 && ($2 !~ /^2018-01-[0-3][0-9]$/) {n++} END {print n+0}' "$X")
	expect_eq "$bad" 0 "every row has a January 2018 date"
	grep -q '2018-01-03,19:30,day,Misraba town' "$X" && ok "Misraba killing with its time" || not_ok "Misraba killing"
	grep -q 'scouting the site of a previous bombing' "$X" && ok "Misraba evidence kept" || not_ok "Misraba evidence"
	grep -q '2018-01-20,11:30,day,"Douma city' "$X" && ok "Douma Jan 20 11:30" || not_ok "Douma Jan 20"
	grep -q '2018-01-21,.*Oday Saraqeb Hospital.*al Ihsan Hospital.*mentioned_in\|2018-01-21,.*Oday Saraqeb Hospital.*earlier attack' "$X" && ok "earlier Saraqeb hospital attack (Jan 21) extracted" || not_ok "Saraqeb Jan 21"
	grep -q '2018-01-11,,day,"Saraqeb city.*Syrian regime forces' "$X" && ok "earlier Saraqeb civil-defence attack (Jan 11, regime)" || not_ok "Saraqeb CD Jan 11"
	grep -q 'Kafr Zita city, northern suburbs of Hama governorate",Hama,Martyr Hasan al A.raj Hospital,hospital,Russian forces' "$X" && ok "Kafr Zita hospital, Russian" || not_ok "Kafr Zita"
	grep -q 'al Maghara Hospital' "$X" && ok "al Maghara alias kept" || not_ok "al Maghara alias"
	grep -q 'Jneidres county.*red_crescent,Turkish army' "$X" && ok "Kurdish Red Crescent ambulance, Turkish army" || not_ok "Jneidres"
	grep -q 'Izaz city.*Self-Management forces' "$X" && ok "Izaz mental hospital, Self-Management forces" || not_ok "Izaz"
	# captions, footnotes and statements are not incidents
	n_feb=$(grep -c ',2018-02-' "$X")
	expect_eq "$n_feb" 0 "no row from a February statement or footnote"
	# paragraph broken across a page and a footnote is joined
	grep -q 'al Dana city.*unidentified' "$X" && ok "al Dana paragraph rejoined across the page break" || not_ok "al Dana"

	# against the hand-written built-in dataset: every dated built-in
	# incident is found (same date, same community once geocoded), and the
	# extractor finds nothing the dataset lacks
	GAZ="${STRIKEMAP_GAZETTEER:-}"
	DATA="${STRIKEMAP_SOURCE_DIR}/data/incidents-2018-01.csv"
	if [ -n "$GAZ" ] && [ -f "$GAZ" ] && [ -f "$DATA" ] && command -v sqlite3 >/dev/null; then
		run import --db "$T_TMP/ex.sqlite" --gazetteer "$GAZ" "$X"
		expect_rc 0 "the extracted CSV imports"
		run import --db "$T_TMP/builtin.sqlite" --gazetteer "$GAZ" "$DATA"
		expect_rc 0 "the built-in dataset imports"
		found=$(sqlite3 "$T_TMP/ex.sqlite" "ATTACH '$T_TMP/builtin.sqlite' AS b;
			SELECT count(*) FROM b.incidents bi WHERE bi.date_precision = 'day' AND EXISTS
			(SELECT 1 FROM main.incidents e WHERE e.date = bi.date AND e.pcode = bi.pcode)")
		dated=$(sqlite3 "$T_TMP/builtin.sqlite" "SELECT count(*) FROM incidents WHERE date_precision = 'day'")
		expect_eq "$found" "$dated" "every day-dated built-in incident is extracted ($found of $dated)"
		extra=$(sqlite3 "$T_TMP/ex.sqlite" "ATTACH '$T_TMP/builtin.sqlite' AS b;
			SELECT count(*) FROM main.incidents e WHERE NOT EXISTS
			(SELECT 1 FROM b.incidents bi WHERE e.date = bi.date AND e.pcode = bi.pcode)")
		expect_eq "$extra" 0 "no extracted incident is missing from the built-in dataset"
	else
		echo "# no gazetteer or sqlite3: skipping the comparison with the built-in dataset"
	fi
else
	echo "# $REPORT not found: skipping the report checks"
fi

run extract -o "$T_TMP/no/such/dir/x.csv" "$T_TMP/r0.txt"
expect_rc 5 "a missing input fails (not found) before writing"
printf 'B. Targeting\n\nMonday, March 5, 2018, a shell hit the civil defense center in Binnish city, northern suburbs of Idlib governorate.\n' >"$T_TMP/r0.txt"
run extract -o "$T_TMP/no/such/dir/x.csv" "$T_TMP/r0.txt"
expect_rc 1 "an unwritable output fails"
expect_stderr_has "no/such/dir/x.csv: cannot write: No such file or directory" "the write error names the output"

# a small report written here: headings drive the mode, perpetrator and type
cat >"$T_TMP/r.txt" <<'TXT'
IV. Most Notable Incidents

B. Targeting vital medical facilities

- Russian forces

Civil defense facilities

Monday, March 5, 2018, around 09:15, warplanes fired missiles at the civil defense center 12 in Kafr Nabl city, southern suburbs of Idlib governorate. The center was heavily damaged.

A caption mentioning Kafr Nabl city – March 5, 2018

V. Conclusions

Tuesday, March 6, 2018, this date is in the conclusions and is not an incident in Binnish city.
TXT
run extract "$T_TMP/r.txt"
expect_rc 0 "extract a small report"
expect_stdout_has '2018-03-05,09:15,day,"Kafr Nabl city, southern suburbs of Idlib governorate",Idlib,civil defense center 12,civil_defense,' "small report row"
expect_stdout_has 'perpetrator from the section heading' "heading perpetrator flagged for review"
expect_stdout_lacks '2018-03-06' "nothing extracted from the conclusions"
n=$(($(wc -l <"$T_OUT") - 1))
expect_eq "$n" 1 "exactly one incident in the small report"

finish
