#!/bin/sh
# test_geocode.sh — `strikemap geocode`: help, usage errors, TEXT and batch
# queries (JSONL and CSV), statuses, context, malformed batch files, a
# missing gazetteer.
. "$(dirname "$0")/lib.sh"
: "${STRIKEMAP_GAZETTEER:?the build-time gazetteer}"

run geocode --help
expect_rc 0 "geocode --help exits 0"
expect_stdout_has "Usage: strikemap geocode" "help shows the usage"
for opt in --gazetteer --format --governorate --batch --exclude-source; do
	expect_stdout_has "$opt" "help documents $opt"
done

run geocode
expect_rc 2 "nothing to geocode is a usage error"
expect_stderr_has "nothing to geocode" "says what is missing"
run geocode --format xml Saraqeb
expect_rc 2 "bad --format exits 2"
expect_stderr_has "--format" "names the option"
run geocode --bogus
expect_rc 2 "unknown option exits 2"
expect_stderr_has "unknown option '--bogus'" "names the unknown option"
run geocode --batch
expect_rc 2 "--batch without a value exits 2"
run geocode --batch x.csv Saraqeb
expect_rc 2 "TEXT and --batch together exit 2"

# a missing gazetteer says how to build one
run geocode --gazetteer "$T_TMP/none.sqlite" Saraqeb
expect_rc 5 "missing gazetteer exits 5"
expect_stderr_has "none.sqlite" "names the missing gazetteer"
expect_stderr_has "strikemap gazetteer build" "says how to build one"
T_RC=0
STRIKEMAP_GAZETTEER="$T_TMP/env.sqlite" "$STRIKEMAP" geocode Saraqeb >"$T_OUT" 2>"$T_ERR" || T_RC=$?
expect_rc 5 "\$STRIKEMAP_GAZETTEER is the default"
expect_stderr_has "env.sqlite" "the environment's gazetteer is named"

# TEXT queries: JSON lines with the contract's fields
run geocode "Kafr Zita city, northern suburbs of Hama governorate" "معرة النعمان"
expect_rc 0 "TEXT queries exit 0"
expect_eq "$(wc -l <"$T_OUT" | tr -d ' ')" 2 "one line per query"
for f in '"query":' '"status":"resolved"' '"name":' '"pcode":"C3463"' '"admin1_pcode":"SY05"' \
	'"lon":36.' '"lat":35.' '"precision":1' '"precision_word":"community"' '"score":' '"candidates":[{'; do
	expect_stdout_has "$f" "answer has $f"
done
expect_stdout_has '"pcode":"C3985"' "Arabic query resolves"
if command -v python3 >/dev/null 2>&1; then
	python3 -c 'import json,sys
for l in open(sys.argv[1]): json.loads(l)' "$T_OUT" && ok "every line is JSON" || not_ok "every line is JSON"
fi

# a bare shared name: Douma city (Rural Damascus) dominates the villages
# of Hama and As-Sweida: resolved to it with a moderate score, the rivals
# kept and a note
run geocode Duma
expect_stdout_has '"status":"resolved"' "Duma alone resolves by prominence"
expect_stdout_has '"pcode":"C2338"' "to Douma city in Rural Damascus"
expect_stdout_has '"pcode":"C3076"' "candidates hold Duma in Hama"
expect_stdout_has 'chosen by prominence over' "the note says why"
if command -v python3 >/dev/null 2>&1; then
	python3 -c 'import json,sys; a=json.loads(open(sys.argv[1]).readline()); sys.exit(0 if a["score"] < 0.8 else 1)' \
		"$T_OUT" && ok "with a moderate score" || not_ok "with a moderate score"
fi
# ambiguous: two villages of comparable size, no point picked
run geocode Baamra
expect_stdout_has '"status":"ambiguous"' "Baamra alone is ambiguous"
expect_stdout_has '"lon":null' "an ambiguous answer picks no point"
expect_stdout_has '"pcode":"C3406"' "candidates hold Baamra in Hama"
expect_stdout_has '"pcode":"C5486"' "candidates hold Baamra in Tartous"
run geocode --governorate Hama Duma
expect_stdout_has '"status":"resolved"' "--governorate resolves Duma"
expect_stdout_has '"pcode":"C3076"' "to Duma in Hama"

# only a governorate: precision 3
run geocode "southern suburbs of Idlib governorate"
expect_stdout_has '"pcode":"SY07"' "governorate-only text gives the governorate"
expect_stdout_has '"precision":3' "with precision 3"

# unresolved
run geocode "Xqzvbnw Plorf"
expect_rc 0 "an unresolved query still exits 0"
expect_stdout_has '"status":"unresolved"' "nonsense is unresolved"

# batch from a file and from stdin, with id and governorate columns
cat >"$T_TMP/q.csv" <<'CSV'
id,place,governorate,extra
1,"Hamouriya town, Eastern Ghouta",,x
2,Duma,Hama,y
3,Duma,,z
4,سراقب,,w
CSV
run geocode --batch "$T_TMP/q.csv"
expect_rc 0 "batch exits 0"
expect_eq "$(wc -l <"$T_OUT" | tr -d ' ')" 4 "one line per row"
expect_stdout_has '"id":"1"' "the id column is echoed"
expect_stdout_has '"pcode":"C2316"' "row 1 resolves to Hamouriya"
expect_stdout_has '"governorate":"Hama"' "row 2 keeps its governorate"
expect_stdout_has '"pcode":"C3916"' "row 4 (Arabic) resolves to Saraqeb"
T_IN="$T_TMP/q.csv" run geocode --batch - --format csv
T_IN=
expect_rc 0 "batch from stdin exits 0"
expect_stdout_has "id,query,governorate,status,name,pcode,admin1_pcode" "CSV header"
expect_stdout_has ",Duma,Hama,resolved,Duma,C3076,SY05," "CSV row"
expect_eq "$(wc -l <"$T_OUT" | tr -d ' ')" 5 "CSV: header and one row per query"

# malformed batch files name the file and line
printf 'name,governorate\nSaraqeb,Idlib\n' >"$T_TMP/noplace.csv"
run geocode --batch "$T_TMP/noplace.csv"
expect_rc 3 "a CSV without a place column exits 3"
expect_stderr_has "noplace.csv:1:" "names file and line"
expect_stderr_has '"place"' "names the missing column"
# ACLED's column names, when the contract's are absent: read, and said
printf 'event_id,admin1,location\n7,Idlib,Saraqeb\n' >"$T_TMP/acled.csv"
run geocode --batch "$T_TMP/acled.csv"
expect_rc 0 "an ACLED-style CSV (location, admin1) is read"
expect_stdout_has '"pcode":"C3916"' "location read as the place"
expect_stdout_has '"governorate":"Idlib"' "admin1 read as the governorate"
expect_stderr_has 'reading "location" as the place' "says which column it read"
printf 'event_id_cnty,admin1,location\nSYR7,Idlib,Saraqeb\n' >"$T_TMP/acled_id.csv"
run geocode --batch "$T_TMP/acled_id.csv"
expect_stdout_has '"id":"SYR7"' "ACLED's event_id_cnty read as the id"
# a header's BOM is three bytes, not any 0xEF
printf '\357,xlocation\nSaraqeb,x\n' >"$T_TMP/ef.csv"
run geocode --batch "$T_TMP/ef.csv"
expect_rc 3 "a lone 0xEF byte is no BOM: no place column"
printf 'place,governorate\nSaraqeb,Idlib\n"Kafr Zita,Hama\n' >"$T_TMP/quote.csv"
run geocode --batch "$T_TMP/quote.csv"
expect_rc 3 "an unterminated quote exits 3"
expect_stderr_has "quote.csv:3: unterminated quoted field" "names the line of the bad record"
printf 'place,governorate\nSaraqeb,Idlib,extra\n' >"$T_TMP/fields.csv"
run geocode --batch "$T_TMP/fields.csv"
expect_rc 3 "a row with too many fields exits 3"
expect_stderr_has "fields.csv:2: 3 fields, the header has 2" "says how many fields"
: >"$T_TMP/empty.csv"
run geocode --batch "$T_TMP/empty.csv"
expect_rc 3 "an empty batch exits 3"
expect_stderr_has "empty.csv:1: empty file" "says the file is empty"
run geocode --batch "$T_TMP/absent.csv"
expect_rc 5 "a missing batch file exits 5"
expect_stderr_has "absent.csv" "names the missing file"

finish
