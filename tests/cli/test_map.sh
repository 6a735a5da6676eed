#!/bin/sh
# test_map.sh — `strikemap map` end to end on the demo's store (the built-in
# January 2018 incidents, imported with the build-time gazetteer, then
# sequences and repeats): options and refusals, PNG compared with reference
# images in tests/data/maps/ (png_diff, within a tolerance), byte-identical
# re-renders, SVG well-formed with one symbol per incident, and the HTML map
# in headless Chromium: markers drawn, no console error, no request.
#
# Argument 1: the png_diff helper (tests/layers/png_diff.c).
# STRIKEMAP_UPDATE_REFERENCE=1 rewrites the demo reference images.
. "$(dirname "$0")/lib.sh"
PNG_DIFF=${1:?png_diff path}
SRC=${STRIKEMAP_SOURCE_DIR:?}
BUILD=${STRIKEMAP_BUILD_DIR:?}
GAZ=${STRIKEMAP_GAZETTEER:?}
REF="$SRC/tests/data/maps"
DB="$T_TMP/strikes.sqlite"
export STRIKEMAP_GAZETTEER="$GAZ"

# ---- options and refusals (no store needed) ----
run map --help
expect_rc 0 "map --help exits 0"
for opt in -o --db --gazetteer --zone --governorate --bbox --from --to --title --size --lang; do
	expect_stdout_has "$opt" "map --help documents $opt"
done
run map
expect_rc 2 "map without -o is a usage error"
expect_stderr_has "-o FILE" "and says how to name the output"
run map -o "$T_TMP/x.jpeg"
expect_rc 2 "an unknown extension is a usage error"
expect_stderr_has "x.jpeg" "naming the file"
run map -o "$T_TMP/x.png" --size 10x10
expect_rc 2 "a tiny --size is refused"
run map -o "$T_TMP/x.png" --bbox 37,35,36
expect_rc 2 "a --bbox with three numbers is refused"
run map -o "$T_TMP/x.png" --lang fr
expect_rc 2 "--lang fr is refused"
run map -o "$T_TMP/x.png" --zone idlib --governorate SY07
expect_rc 2 "two zoom options at once are refused"
run map -o "$T_TMP/x.png" --from 2018-02-01 --to 2018-01-01
expect_rc 2 "--from after --to is refused"
run map --db "$T_TMP/none.sqlite" -o "$T_TMP/x.png"
expect_rc 5 "a missing store exits 5"

# ---- the demo's store ----
"$STRIKEMAP" --quiet import --db "$DB" --gazetteer "$GAZ" "$SRC/data/incidents-2018-01.csv" \
	>/dev/null 2>"$T_TMP/import.err" || { echo "import failed:"; cat "$T_TMP/import.err"; }
N_ALL=$(sqlite3 "$DB" "SELECT count(*) FROM incidents" 2>/dev/null || echo 0)
N_LOC=$(sqlite3 "$DB" "SELECT count(*) FROM incidents WHERE geom IS NOT NULL" 2>/dev/null || echo 0)
expect_eq "$([ "$N_ALL" -gt 20 ] && echo yes)" yes "the demo store holds the January 2018 incidents ($N_ALL)"

# without the analysis tables: drawn all the same, the credits say so
run map --db "$DB" -o "$T_TMP/plain.html"
expect_rc 0 "a map of a store without sequences/repeats tables"
expect_stderr_has "(no sequences table)" "the note says sequences were not analysed"
if grep -qF "not analysed: run strikemap sequences" "$T_TMP/plain.html"; then ok "the credits say so"; else not_ok "the credits say so"; fi

"$STRIKEMAP" --quiet sequences --db "$DB" >/dev/null 2>&1
"$STRIKEMAP" --quiet repeats --db "$DB" --knox 0 >/dev/null 2>&1

run map --db "$DB" --gazetteer "$T_TMP/nogaz.sqlite" -o "$T_TMP/x.png"
expect_rc 5 "a missing gazetteer exits 5"
expect_stderr_has "nogaz.sqlite" "naming it"
run map --db "$DB" --zone atlantis -o "$T_TMP/x.png"
expect_rc 5 "an unknown zone exits 5"
expect_stderr_has "eastern_ghouta" "listing the zones there are"
[ ! -e "$T_TMP/x.png" ] && ok "a refused map writes nothing" || not_ok "a refused map writes nothing"

# PNG: size, counts, determinism, reference image
run map --db "$DB" -o "$T_TMP/map.png"
expect_rc 0 "map -o map.png"
expect_stderr_has "$N_LOC incidents drawn" "every located incident is drawn ($N_LOC)"
expect_eq "$(od -An -tx1 -j16 -N8 "$T_TMP/map.png" | tr -d ' \n')" "00000640000004b0" "the default size is 1600x1200"
run map --db "$DB" -o "$T_TMP/map2.png"
if cmp -s "$T_TMP/map.png" "$T_TMP/map2.png"; then ok "the PNG is byte-identical when drawn again"; else not_ok "the PNG is byte-identical when drawn again"; fi

compare_ref() { # rendered reference-name
	if [ "${STRIKEMAP_UPDATE_REFERENCE:-0}" = 1 ]; then
		cp "$1" "$REF/$2"
		echo "# updated $REF/$2"
		return
	fi
	set -- "$1" "$2" $("$PNG_DIFF" "$1" "$REF/$2" 13 2>&1)
	# at most 0.3 % of the pixels off by more than 5 %
	if [ -n "${4:-}" ] && [ "$3" -le $(( $4 * 3 / 1000 )) ] 2>/dev/null; then
		ok "$2 matches the reference ($3 of $4 pixels differ)"
	else
		not_ok "$2 matches the reference (png_diff: $3 ${4:-})"
	fi
}
compare_ref "$T_TMP/map.png" demo-country.png
run map --db "$DB" --zone eastern_ghouta -o "$T_TMP/ghouta.png"
expect_rc 0 "map --zone eastern_ghouta"
compare_ref "$T_TMP/ghouta.png" demo-ghouta.png
run map --db "$DB" --zone idlib -o "$T_TMP/idlib.png"
expect_rc 0 "map --zone idlib"
compare_ref "$T_TMP/idlib.png" demo-idlib.png
run map --db "$DB" --lang ar -o "$T_TMP/map-ar.png" --size 1200x900
expect_rc 0 "map --lang ar"
compare_ref "$T_TMP/map-ar.png" demo-country-ar.png
run map --db "$DB" --governorate Idleb --from 2018-01-15 --to 2018-01-31 --title "Idlib, second half of January" -o "$T_TMP/gov.png"
expect_rc 0 "map --governorate by name with a date range and a title"
run map --db "$DB" --bbox 36.2,33.4,36.6,33.7 -o "$T_TMP/bbox.png"
expect_rc 0 "map --bbox"

# SVG: well-formed, one symbol per drawn incident (the 1.35 px stroke)
run map --db "$DB" -o "$T_TMP/map.svg"
expect_rc 0 "map -o map.svg"
if command -v xmllint >/dev/null 2>&1; then
	if xmllint --noout --huge "$T_TMP/map.svg" 2>"$T_TMP/xmllint.err"; then ok "the SVG is well-formed XML"; else not_ok "the SVG is well-formed XML: $(head -c 300 "$T_TMP/xmllint.err")"; fi
fi
expect_eq "$(grep -o 'stroke-width:1.35;' "$T_TMP/map.svg" | wc -l | tr -d ' ')" "$N_LOC" "the SVG has one symbol per located incident"
run map --db "$DB" -o "$T_TMP/map2.svg"
if cmp -s "$T_TMP/map.svg" "$T_TMP/map2.svg"; then ok "the SVG (ids included) is identical when drawn again"; else not_ok "the SVG is identical when drawn again"; fi

# HTML: self-contained, then opened in headless Chromium
run map --db "$DB" -o "$T_TMP/map.html"
expect_rc 0 "map -o map.html"
if grep -qiE '<(script|link|img)[^>]+(src|href)=' "$T_TMP/map.html"; then not_ok "the HTML loads no external file"; else ok "the HTML loads no external file"; fi

if ! command -v chromium >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null 2>&1 || true
fi
WEB="$BUILD/tests/cli/web"
mkdir -p "$WEB"
if ! cmp -s "$SRC/layers/web/package-lock.json" "$WEB/package-lock.json" || [ ! -d "$WEB/node_modules/puppeteer-core" ]; then
	cp "$SRC/layers/web/package.json" "$SRC/layers/web/package-lock.json" "$WEB/"
	(cd "$WEB" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null 2>&1) || true
fi
if command -v chromium >/dev/null 2>&1 && [ -d "$WEB/node_modules/puppeteer-core" ]; then
	NODE_PATH="$WEB/node_modules" node "$(dirname "$0")/map_browser.js" "$T_TMP/map.html" >"$T_TMP/browser.json" 2>"$T_TMP/browser.err"
	B="$T_TMP/browser.json"
	jget() { node -e 'const o=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8"));const v=process.argv[2].split(".").reduce((a,k)=>a==null?a:a[k],o);console.log(typeof v==="object"?JSON.stringify(v):String(v))' "$B" "$1" 2>/dev/null; }
	expect_eq "$(jget errors)" "[]" "the HTML map runs without console errors or exceptions"
	expect_eq "$(jget requests)" "[]" "the HTML map makes no request at all"
	expect_eq "$(( $(jget markers) + $(jget counted) ))" "$N_LOC" "the browser draws every located incident (a marker each, or in a crowded place's count)"
	expect_eq "$(jget drawn)" "$(jget markers)" "and the page counts its markers the same"
	expect_eq "$([ "$(jget markers)" -gt $(( N_LOC / 2 )) ] && echo yes)" yes "most incidents have their own marker at the first zoom"
	expect_eq "$(jget incidents)" "$N_LOC" "every located incident is in the page"
	expect_eq "$([ "$(jget sequences)" -gt 0 ] && echo yes)" yes "double strikes are drawn"
	expect_eq "$([ "$(jget repeats)" -gt 0 ] && echo yes)" yes "repeat groups are drawn"
	case "$(jget popup)" in *Source*SNHR*) ok "a marker's popup gives the facts and the source" ;; *) not_ok "a marker's popup gives the facts and the source: $(jget popup | head -c 200)" ;; esac
	expect_eq "$([ "$(jget toggled.drawn)" -lt "$N_LOC" ] && [ "$(jget toggled.back)" = "$N_LOC" ] && echo yes)" yes "a facility-type toggle hides and shows its markers"
	expect_eq "$([ "$(jget firstDay.drawn)" -lt "$N_LOC" ] && echo yes)" yes "the time slider filters by date"
else
	not_ok "headless Chromium and puppeteer-core are available (install chromium; npm reaches the registry)"
fi

run map --db "$DB" --lang ar -o "$T_TMP/map-ar.html"
expect_rc 0 "map --lang ar -o map-ar.html"
if grep -q 'dir="rtl"' "$T_TMP/map-ar.html" && grep -q 'منطقة خفض التصعيد' "$T_TMP/map-ar.html"; then ok "the Arabic HTML map is right-to-left with Arabic words"; else not_ok "the Arabic HTML map is right-to-left with Arabic words"; fi

finish
